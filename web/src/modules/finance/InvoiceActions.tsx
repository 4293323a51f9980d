import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { idempotencyKey } from '../../app/format';
import { useT } from '../../app/i18n';
import type { FinanceInvoiceFragment } from '../../gql/graphql';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/states';
import { m } from './messages';
import { FinanceInvoiceDuplicateMutation, FinanceInvoiceVoidMutation } from './operations';
import { SendInvoiceButton } from './SendInvoiceDialog';
import { attempt } from './shared';

/** What can be done with a saved invoice: send it, duplicate it (a new draft), void it (after a confirmation). */
export function InvoiceActions({ invoice, dirty }: { invoice: FinanceInvoiceFragment; dirty: boolean }) {
  const t = useT();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmVoid, setConfirmVoid] = useState(false);
  const [key] = useState(idempotencyKey);
  const [duplicate, { loading: duplicating }] = useMutation(FinanceInvoiceDuplicateMutation, { refetchQueries: ['FinanceInvoices'] });
  const [voidInvoice, { loading: voiding }] = useMutation(FinanceInvoiceVoidMutation);
  const voidable = !['PAID', 'VOID', 'REFUNDED'].includes(invoice.status);

  async function copy() {
    let copyId: string | undefined;
    const refused = await attempt(async () => {
      const payload = (await duplicate({ variables: { input: { id: invoice.id, idempotencyKey: key } } })).data?.invoiceDuplicate;
      copyId = payload?.invoice?.id;
      return payload;
    });
    setFailure(refused);
    if (!refused && copyId) void navigate(`/finance/invoices/${encodeURIComponent(copyId)}`);
  }

  return (
    <div className="fin-actions">
      {voidable ? <SendInvoiceButton invoice={invoice} disabled={dirty} /> : null}
      <Button onClick={() => void copy()} busy={duplicating} disabled={dirty}>
        {t(m.duplicate)}
      </Button>
      {voidable && !confirmVoid ? (
        <Button variant="danger" onClick={() => setConfirmVoid(true)}>
          {t(m.voidInvoice)}
        </Button>
      ) : null}
      {confirmVoid ? (
        <span role="group" aria-label={t(m.confirmVoid)}>
          {t(m.voidQuestion, { number: invoice.number })}{' '}
          <Button
            variant="danger"
            busy={voiding}
            onClick={async () => {
              setFailure(await attempt(async () => (await voidInvoice({ variables: { input: { id: invoice.id } } })).data?.invoiceVoid));
              setConfirmVoid(false);
            }}
          >
            {t(m.voidYes)}
          </Button>{' '}
          <Button variant="ghost" onClick={() => setConfirmVoid(false)}>
            {t(m.voidKeep)}
          </Button>
        </span>
      ) : null}
      <Notice>{failure}</Notice>
    </div>
  );
}
