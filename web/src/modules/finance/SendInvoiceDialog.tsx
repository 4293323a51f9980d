import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { idempotencyKey } from '../../app/format';
import { useT } from '../../app/i18n';
import type { FinanceInvoiceFragment } from '../../gql/graphql';
import { Button, TextArea, TextField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/states';
import { m } from './messages';
import { FinanceInvoiceSendMutation } from './operations';
import { attempt } from './shared';

/** "Send": the invoice e-mailed with its PDF and a link to its public page (`invoiceSend`); a draft becomes SENT. */
export function SendInvoiceButton({ invoice, disabled }: { invoice: FinanceInvoiceFragment; disabled?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [sentTo, setSentTo] = useState<string[] | null>(null);
  return (
    <>
      <Button variant={invoice.status === 'DRAFT' ? 'primary' : 'secondary'} disabled={disabled} onClick={() => setOpen(true)}>
        {invoice.sentAt ? t(m.sendAgain) : t(m.send)}
      </Button>
      {sentTo ? <Notice tone="success">{t(m.sentTo, { recipients: sentTo.join(', ') })}</Notice> : null}
      <Dialog open={open} onOpenChange={setOpen} title={t(m.sendTitle, { number: invoice.number })}>
        <SendForm
          invoice={invoice}
          onSent={(recipients) => {
            setOpen(false);
            setSentTo(recipients);
          }}
        />
      </Dialog>
    </>
  );
}

function SendForm({ invoice, onSent }: { invoice: FinanceInvoiceFragment; onSent(recipients: string[]): void }) {
  const t = useT();
  const [to, setTo] = useState(invoice.contact?.email ?? '');
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(idempotencyKey);
  const [send, { loading }] = useMutation(FinanceInvoiceSendMutation, { refetchQueries: ['FinanceInvoices'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const recipients = to
      .split(/[,;\s]+/)
      .map((address) => address.trim())
      .filter(Boolean);
    let sent: string[] = [];
    const refused = await attempt(async () => {
      const payload = (
        await send({
          variables: { input: { id: invoice.id, to: recipients.length ? recipients : null, message: message.trim() || null, idempotencyKey: key } },
        })
      ).data?.invoiceSend;
      sent = [...(payload?.recipients ?? recipients)];
      return payload;
    });
    setFailure(refused);
    if (!refused) onSent(sent);
  }

  return (
    <form className="form" onSubmit={submit}>
      <TextField label={t(m.recipients)} value={to} onChange={(event) => setTo(event.target.value)} hint={t(m.recipientsHint)} />
      <TextArea label={t(m.message)} value={message} onChange={(event) => setMessage(event.target.value)} rows={4} />
      <Notice>{failure}</Notice>
      <div>
        <Button type="submit" variant="primary" busy={loading}>
          {t(m.sendInvoice)}
        </Button>
      </div>
    </form>
  );
}
