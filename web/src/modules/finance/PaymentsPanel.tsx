import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { splitUserErrors, type UserErrorLike } from '../../app/errors';
import { formatDateTime, idempotencyKey } from '../../app/format';
import type { FinanceInvoiceFragment, FinancePaymentFragment, PaymentMethod, PaymentType } from '../../gql/graphql';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { formatMoney } from '../crm/money';
import { ErrorState, Notice } from '../../ui/states';
import {
  FinanceCreditNoteIssueMutation,
  FinanceInvoicePaymentsQuery,
  FinanceInvoicePayMutation,
  FinancePaymentRecordMutation,
  FinancePaymentRefundMutation,
} from './operations';
import { attempt, enumLabel, StatusBadge } from './shared';

const MANUAL_METHODS: readonly PaymentMethod[] = ['BANK_TRANSFER', 'CHECK', 'CASH', 'ACH', 'OTHER'];
/** Statuses an invoice can be paid in. */
const PAYABLE = new Set(['SENT', 'VIEWED', 'PARTIALLY_PAID', 'OVERDUE']);
/** How each ledger entry reads: money in is +, a refund (money back) and a credit note (owed less) are −. */
const ENTRY: Record<PaymentType, { label: string; sign: '+' | '−' }> = {
  PAYMENT: { label: 'Payment', sign: '+' },
  REFUND: { label: 'Refund', sign: '−' },
  CREDIT_NOTE: { label: 'Credit note', sign: '−' },
};

/**
 * The invoice's payments ledger (payments, refunds, credit notes), "Record payment" (a manual one:
 * check, transfer, cash…), "Issue credit note" (lowers what is due, no money moves), "Refund" of a
 * completed payment, and "Pay by card", which opens the payment provider's hosted page (the local
 * simulator's in development and tests).
 */
export function PaymentsPanel({ invoice }: { invoice: FinanceInvoiceFragment }) {
  const { data, error, refetch } = useQuery(FinanceInvoicePaymentsQuery, { variables: { id: invoice.id }, fetchPolicy: 'cache-and-network' });
  const [form, setForm] = useState<'payment' | 'credit' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [payKey] = useState(idempotencyKey);
  const [pay, { loading: paying }] = useMutation(FinanceInvoicePayMutation);
  const payments = data?.invoice?.payments.nodes ?? [];
  const payable = PAYABLE.has(invoice.status) && invoice.amountDue.amount !== '0' && !/^0(\.0+)?$/.test(invoice.amountDue.amount);

  async function payByCard() {
    let url: string | null | undefined;
    const refused = await attempt(async () => {
      const payload = (await pay({ variables: { input: { invoiceId: invoice.id, idempotencyKey: payKey } } })).data?.invoicePay;
      url = payload?.paymentUrl;
      return payload;
    });
    setFailure(refused);
    if (!refused && url) window.open(url, '_blank', 'noopener');
  }

  return (
    <section className="panel" aria-label="Payments">
      <h2 className="panel-title">Payments</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {payments.length ? (
        <ul className="fin-payments">
          {payments.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} onRefunded={() => void refetch()} />
          ))}
        </ul>
      ) : (
        <p className="muted">No payments yet.</p>
      )}
      {payable ? (
        <div className="fin-actions">
          <Button onClick={() => setForm((was) => (was === 'payment' ? null : 'payment'))}>Record payment</Button>
          <Button onClick={() => setForm((was) => (was === 'credit' ? null : 'credit'))}>Issue credit note</Button>
          <Button busy={paying} onClick={() => void payByCard()}>
            Pay by card
          </Button>
        </div>
      ) : null}
      {form === 'payment' ? (
        <RecordPaymentForm
          invoice={invoice}
          onRecorded={() => {
            setForm(null);
            void refetch();
          }}
        />
      ) : null}
      {form === 'credit' ? (
        <CreditNoteForm
          invoice={invoice}
          onIssued={() => {
            setForm(null);
            void refetch();
          }}
        />
      ) : null}
      <Notice>{failure}</Notice>
    </section>
  );
}

function PaymentRow({ payment, onRefunded }: { payment: FinancePaymentFragment; onRefunded(): void }) {
  const [refunding, setRefunding] = useState(false);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(idempotencyKey);
  const [refund, { loading }] = useMutation(FinancePaymentRefundMutation);
  const refundable = payment.type === 'PAYMENT' && payment.status === 'COMPLETED';
  const entry = ENTRY[payment.type];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused = await attempt(
      async () =>
        (await refund({ variables: { input: { paymentId: payment.id, amount: amount.trim() || null, reason: reason.trim() || null, idempotencyKey: key } } }))
          .data?.paymentRefund,
    );
    setFailure(refused);
    if (!refused) {
      setRefunding(false);
      onRefunded();
    }
  }

  return (
    <li className={`fin-entry fin-entry-${payment.type.toLowerCase().replace('_', '-')}`} aria-label={`${entry.label} of ${payment.amount.amount}`}>
      <span className="fin-strong">{entry.label}</span>{' '}
      <span className="fin-amount">
        {entry.sign}
        {formatMoney(payment.amount)}
      </span>{' '}
      {payment.method ? `${enumLabel(payment.method)} ` : null}
      <StatusBadge status={payment.status} /> {payment.reference ? <span className="muted">ref. {payment.reference} </span> : null}
      {payment.type !== 'PAYMENT' && payment.description ? <span className="muted">“{payment.description}” </span> : null}
      <span className="muted">{formatDateTime(payment.paidAt ?? payment.createdAt)}</span>
      {payment.failureMessage ? <span className="muted"> — {payment.failureMessage}</span> : null}
      {refundable && !refunding ? (
        <Button variant="ghost" onClick={() => setRefunding(true)}>
          Refund
        </Button>
      ) : null}
      {refunding ? (
        <form className="fin-grid" onSubmit={submit}>
          <TextField label="Refund amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} hint="Empty: all of it." />
          <TextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} />
          <Button type="submit" variant="danger" busy={loading}>
            Refund payment
          </Button>
          <Button variant="ghost" onClick={() => setRefunding(false)}>
            Cancel
          </Button>
        </form>
      ) : null}
      <Notice>{failure}</Notice>
    </li>
  );
}

function RecordPaymentForm({ invoice, onRecorded }: { invoice: FinanceInvoiceFragment; onRecorded(): void }) {
  const [amount, setAmount] = useState(invoice.amountDue.amount);
  const [method, setMethod] = useState<PaymentMethod>('BANK_TRANSFER');
  const [reference, setReference] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(idempotencyKey);
  const [record, { loading }] = useMutation(FinancePaymentRecordMutation, { refetchQueries: ['FinanceInvoices'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused = await attempt(
      async () =>
        (
          await record({
            variables: { input: { invoiceId: invoice.id, amount: amount.trim(), method, reference: reference.trim() || null, idempotencyKey: key } },
          })
        ).data?.paymentRecord,
    );
    setFailure(refused);
    if (!refused) onRecorded();
  }

  return (
    <form className="fin-grid" aria-label="Record payment" onSubmit={submit}>
      <TextField label="Amount received" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} required />
      <SelectField label="Method" value={method} onChange={(event) => setMethod(event.target.value as PaymentMethod)}>
        {MANUAL_METHODS.map((option) => (
          <option key={option} value={option}>
            {enumLabel(option)}
          </option>
        ))}
      </SelectField>
      <TextField label="Reference" value={reference} onChange={(event) => setReference(event.target.value)} hint="A check number, a wire reference…" />
      <Button type="submit" variant="primary" busy={loading}>
        Record
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}

/** A credit note: lowers what the customer owes by at most the amount due; no money moves. */
function CreditNoteForm({ invoice, onIssued }: { invoice: FinanceInvoiceFragment; onIssued(): void }) {
  const [amount, setAmount] = useState(invoice.amountDue.amount);
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(idempotencyKey);
  // The payload's invoice (…FinanceInvoice) updates the page's totals in the cache; the list refetches.
  const [issue, { loading }] = useMutation(FinanceCreditNoteIssueMutation, { refetchQueries: ['FinanceInvoices'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFields({});
    let errors: readonly UserErrorLike[] | undefined;
    const refused = await attempt(async () => {
      const payload = (
        await issue({ variables: { input: { invoiceId: invoice.id, amount: amount.trim(), reason: reason.trim() || null, idempotencyKey: key } } })
      ).data?.creditNoteIssue;
      errors = payload?.userErrors;
      return payload;
    });
    if (!refused) return onIssued();
    const { byField, general } = splitUserErrors(errors, ['amount', 'reason']);
    setFields(byField);
    setFailure(general ?? (Object.keys(byField).length ? null : refused));
  }

  return (
    <form className="fin-grid" aria-label="Issue credit note" onSubmit={submit}>
      <TextField
        label="Credit amount"
        inputMode="decimal"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        required
        hint={`At most the amount due, ${formatMoney(invoice.amountDue)}.`}
        error={fields.amount}
      />
      <TextArea
        label="Reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={2000}
        hint="Optional: shown in the ledger."
        error={fields.reason}
      />
      <Button type="submit" variant="primary" busy={loading}>
        Issue credit note
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}
