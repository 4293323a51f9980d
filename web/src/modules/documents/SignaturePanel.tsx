import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../app/format';
import { useT, type Message } from '../../app/i18n';
import type { DeliverableFrequency, DocumentSignatureStatus } from '../../gql/graphql';
import { Button, TextField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { DocumentsSendForSignatureMutation, DocumentsSignatureQuery } from './operations';
import { attempt, formatLocalDate } from './shared';

const SIGNATURE_STATUS: Record<DocumentSignatureStatus, Message> = { SENT: m.signatureSent, COMPLETED: m.signatureCompleted, VOIDED: m.signatureVoided };
const FREQUENCIES: Record<DeliverableFrequency, Message> = {
  ONCE: m.frequencyOnce,
  WEEKLY: m.frequencyWeekly,
  MONTHLY: m.frequencyMonthly,
  QUARTERLY: m.frequencyQuarterly,
};

interface SignerRow {
  name: string;
  email: string;
  order: number;
}

/** The latest request for signatures and its signers; a new request; a signed contract's deliverables. */
export function SignaturePanel({ documentId, editable }: { documentId: string; editable: boolean }) {
  const t = useT();
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
    <section className="panel" aria-label={t(m.signatures)}>
      <h2 className="panel-title">{t(m.signatures)}</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {signature ? (
        <>
          <p>
            <span className="badge">{t(SIGNATURE_STATUS[signature.status])}</span>{' '}
            {signature.completedAt
              ? t(m.signatureCompletedOn, { sent: formatDateTime(signature.createdAt), completed: formatDateTime(signature.completedAt) })
              : t(m.signatureSentOn, { sent: formatDateTime(signature.createdAt) })}
          </p>
          <ol className="doc-signers">
            {signature.signers.map((signer) => (
              <li key={signer.email}>
                {signer.order}. {signer.name} &lt;{signer.email}&gt; —{' '}
                {signer.signedAt ? t(m.signedOn, { date: formatDateTime(signer.signedAt) }) : t(m.notSignedYet)}
              </li>
            ))}
          </ol>
        </>
      ) : data ? (
        <p className="muted">{t(m.notSentForSignature)}</p>
      ) : null}
      {editable && signature?.status !== 'SENT' ? (
        <form className="form" onSubmit={submit} aria-label={t(m.sendForSignature)}>
          {signers.map((row, index) => (
            <div key={index} className="doc-signer-row">
              <TextField label={t(m.signerName, { number: index + 1 })} value={row.name} onChange={(event) => setSigner(index, { name: event.target.value })} />
              <TextField
                label={t(m.signerEmail, { number: index + 1 })}
                type="email"
                value={row.email}
                onChange={(event) => setSigner(index, { email: event.target.value })}
              />
              <TextField
                label={t(m.signerOrder, { number: index + 1 })}
                type="number"
                min={1}
                value={row.order}
                onChange={(event) => setSigner(index, { order: Number(event.target.value) || 1 })}
              />
            </div>
          ))}
          <div className="button-row">
            <Button onClick={() => setSigners([...signers, { name: '', email: '', order: signers.length + 1 }])}>{t(m.addSigner)}</Button>
          </div>
          <TextField label={t(m.messageToSigners)} value={message} onChange={(event) => setMessage(event.target.value)} />
          <Notice>{failure}</Notice>
          <div>
            <Button type="submit" variant="primary" busy={sending}>
              {t(m.sendForSignature)}
            </Button>
          </div>
        </form>
      ) : null}
      {deliverables.length ? (
        <>
          <h3>{t(m.deliverables)}</h3>
          <ul className="doc-deliverables">
            {deliverables.map((deliverable) => (
              <li key={deliverable.id}>
                {t(m.deliverable, {
                  title: deliverable.title,
                  progress: deliverable.progress,
                  quantity: deliverable.quantity,
                  frequency: t(FREQUENCIES[deliverable.frequency]),
                  date: formatLocalDate(deliverable.dueDate),
                })}{' '}
                {deliverable.onTrack ? '' : <span className="badge doc-behind">{t(m.behindPace)}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
