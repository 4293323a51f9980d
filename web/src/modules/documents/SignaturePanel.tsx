import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../app/format';
import { formatLocalDate } from './shared';
import { Button, TextField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { DocumentsSendForSignatureMutation, DocumentsSignatureQuery } from './operations';
import { attempt } from './shared';

interface SignerRow {
  name: string;
  email: string;
  order: number;
}

/** The latest request for signatures and its signers; a new request; a signed contract's deliverables. */
export function SignaturePanel({ documentId, editable }: { documentId: string; editable: boolean }) {
  const { data, loading, error, refetch } = useQuery(DocumentsSignatureQuery, { variables: { id: documentId }, fetchPolicy: 'cache-and-network' });
  const [send, { loading: sending }] = useMutation(DocumentsSendForSignatureMutation);
  const [signers, setSigners] = useState<SignerRow[]>([{ name: '', email: '', order: 1 }]);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const signature = data?.document?.signature;
  const deliverables = data?.document?.deliverables?.nodes ?? [];
  const setSigner = (index: number, change: Partial<SignerRow>) => setSigners(signers.map((row, at) => (at === index ? { ...row, ...change } : row)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const failed = await attempt(
      async () =>
        (
          await send({
            variables: {
              input: {
                id: documentId,
                signers: signers.map((row) => ({ name: row.name.trim(), email: row.email.trim(), order: row.order })),
                message: message.trim() || null,
              },
            },
          })
        ).data?.documentSendForSignature,
    );
    setFailure(failed);
    if (!failed) setSigners([{ name: '', email: '', order: 1 }]);
    void refetch();
  }

  return (
    <section className="panel" aria-label="Signatures">
      <h2 className="panel-title">Signatures</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {signature ? (
        <>
          <p>
            <span className="badge">{signature.status.toLowerCase()}</span> sent {formatDateTime(signature.createdAt)}
            {signature.completedAt ? `, completed ${formatDateTime(signature.completedAt)}` : ''}
          </p>
          <ol className="doc-signers">
            {signature.signers.map((signer) => (
              <li key={signer.email}>
                {signer.order}. {signer.name} &lt;{signer.email}&gt; — {signer.signedAt ? `signed ${formatDateTime(signer.signedAt)}` : 'not signed yet'}
              </li>
            ))}
          </ol>
        </>
      ) : data ? (
        <p className="muted">Not sent for signature.</p>
      ) : null}
      {editable && signature?.status !== 'SENT' ? (
        <form className="form" onSubmit={submit} aria-label="Send for signature">
          {signers.map((row, index) => (
            <div key={index} className="doc-signer-row">
              <TextField label={`Signer ${index + 1} name`} value={row.name} onChange={(event) => setSigner(index, { name: event.target.value })} />
              <TextField
                label={`Signer ${index + 1} e-mail`}
                type="email"
                value={row.email}
                onChange={(event) => setSigner(index, { email: event.target.value })}
              />
              <TextField
                label={`Signer ${index + 1} order`}
                type="number"
                min={1}
                value={row.order}
                onChange={(event) => setSigner(index, { order: Number(event.target.value) || 1 })}
              />
            </div>
          ))}
          <div className="button-row">
            <Button onClick={() => setSigners([...signers, { name: '', email: '', order: signers.length + 1 }])}>Add a signer</Button>
          </div>
          <TextField label="Message to the signers" value={message} onChange={(event) => setMessage(event.target.value)} />
          <Notice>{failure}</Notice>
          <div>
            <Button type="submit" variant="primary" busy={sending}>
              Send for signature
            </Button>
          </div>
        </form>
      ) : null}
      {deliverables.length ? (
        <>
          <h3>Deliverables</h3>
          <ul className="doc-deliverables">
            {deliverables.map((deliverable) => (
              <li key={deliverable.id}>
                {deliverable.title}: {deliverable.progress} of {deliverable.quantity} ({deliverable.frequency.toLowerCase()}, due{' '}
                {formatLocalDate(deliverable.dueDate)}) {deliverable.onTrack ? '' : <span className="badge doc-behind">Behind pace</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
