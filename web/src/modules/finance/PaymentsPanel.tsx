import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { splitUserErrors, type UserErrorLike } from '../../app/errors';
import { formatDateTime, idempotencyKey } from '../../app/format';
import { useT, useTranslator, type Message } from '../../app/i18n';
import type { FinanceInvoiceFragment, FinancePaymentFragment, PaymentMethod, PaymentType } from '../../gql/graphql';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { ErrorState, Notice } from '../../ui/states';
import { m } from './messages';
import {
  FinanceCreditNoteIssueMutation,
  FinanceInvoicePaymentsQuery,
  FinanceInvoicePayMutation,
  FinancePaymentRecordMutation,
  FinancePaymentRefundMutation,
} from './operations';
import { attempt, methodLabel, moneyText, StatusBadge } from './shared';

const MANUAL_METHODS: readonly PaymentMethod[] = ['BANK_TRANSFER', 'CHECK', 'CASH', 'ACH', 'OTHER'];
/** Statuses an invoice can be paid in. */
const PAYABLE = new Set(['SENT', 'VIEWED', 'PARTIALLY_PAID', 'OVERDUE']);
/** How each ledger entry reads: money in is +, a refund (money back) and a credit note (owed less) are −. */
const ENTRY: Record<PaymentType, { label: Message; sign: '+' | '−' }> = {
  PAYMENT: { label: m.entryPayment, sign: '+' },
  REFUND: { label: m.entryRefund, sign: '−' },
  CREDIT_NOTE: { label: m.entryCreditNote, sign: '−' },
};

/**
 * The invoice's payments ledger (payments, refunds, credit notes), "Record payment" (a manual one:
 * check, transfer, cash…), "Issue credit note" (lowers what is due, no money moves), "Refund" of a
 * completed payment, and "Pay by card", which opens the payment provider's hosted page (the local
 * simulator's in development and tests).
 */
export function PaymentsPanel({ invoice }: { invoice: FinanceInvoiceFragment }) {
  const t = useT();
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
    <section className="panel" aria-label={t(m.payments)}>
      <h2 className="panel-title">{t(m.payments)}</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {payments.length ? (
        <ul className="fin-payments">
          {payments.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} onRefunded={() => void refetch()} />
          ))}
        </ul>
      ) : (
        <p className="muted">{t(m.noPaymentsYet)}</p>
      )}
      {payable ? (
        <div className="fin-actions">
          <Button onClick={() => setForm((was) => (was === 'payment' ? null : 'payment'))}>{t(m.recordPayment)}</Button>
          <Button onClick={() => setForm((was) => (was === 'credit' ? null : 'credit'))}>{t(m.issueCreditNote)}</Button>
          <Button busy={paying} onClick={() => void payByCard()}>
            {t(m.payByCard)}
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
  const reader = useTranslator();
  const t = useT();
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
    <li
      className={`fin-entry fin-entry-${payment.type.toLowerCase().replace('_', '-')}`}
      aria-label={t(m.entryOf, { entry: t(entry.label), amount: payment.amount.amount })}
    >
      <span className="fin-strong">{t(entry.label)}</span>{' '}
      <span className="fin-amount">
        {entry.sign}
        {moneyText(payment.amount, reader)}
      </span>{' '}
      {payment.method ? `${methodLabel(payment.method, reader)} ` : null}
      <StatusBadge status={payment.status} /> {payment.reference ? <span className="muted">{t(m.reference, { reference: payment.reference })} </span> : null}
      {payment.type !== 'PAYMENT' && payment.description ? <span className="muted">“{payment.description}” </span> : null}
      <span className="muted">{formatDateTime(payment.paidAt ?? payment.createdAt)}</span>
      {payment.failureMessage ? <span className="muted"> — {payment.failureMessage}</span> : null}
      {refundable && !refunding ? (
        <Button variant="ghost" onClick={() => setRefunding(true)}>
          {t(m.refund)}
        </Button>
      ) : null}
      {refunding ? (
        <form className="fin-grid" onSubmit={submit}>
          <TextField
            label={t(m.refundAmount)}
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            hint={t(m.refundAmountHint)}
          />
          <TextField label={t(m.reason)} value={reason} onChange={(event) => setReason(event.target.value)} />
          <Button type="submit" variant="danger" busy={loading}>
            {t(m.refundPayment)}
          </Button>
          <Button variant="ghost" onClick={() => setRefunding(false)}>
            {t(m.cancel)}
          </Button>
        </form>
      ) : null}
      <Notice>{failure}</Notice>
    </li>
  );
}

function RecordPaymentForm({ invoice, onRecorded }: { invoice: FinanceInvoiceFragment; onRecorded(): void }) {
  const reader = useTranslator();
  const t = useT();
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
    <form className="fin-grid" aria-label={t(m.recordPayment)} onSubmit={submit}>
      <TextField label={t(m.amountReceived)} inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} required />
      <SelectField label={t(m.method)} value={method} onChange={(event) => setMethod(event.target.value as PaymentMethod)}>
        {MANUAL_METHODS.map((option) => (
          <option key={option} value={option}>
            {methodLabel(option, reader)}
          </option>
        ))}
      </SelectField>
      <TextField label={t(m.referenceLabel)} value={reference} onChange={(event) => setReference(event.target.value)} hint={t(m.referenceHint)} />
      <Button type="submit" variant="primary" busy={loading}>
        {t(m.record)}
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}

/** A credit note: lowers what the customer owes by at most the amount due; no money moves. */
function CreditNoteForm({ invoice, onIssued }: { invoice: FinanceInvoiceFragment; onIssued(): void }) {
  const reader = useTranslator();
  const t = useT();
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
    <form className="fin-grid" aria-label={t(m.issueCreditNote)} onSubmit={submit}>
      <TextField
        label={t(m.creditAmount)}
        inputMode="decimal"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        required
        hint={t(m.creditAmountHint, { amount: moneyText(invoice.amountDue, reader) })}
        error={fields.amount}
      />
      <TextArea
        label={t(m.reason)}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={2000}
        hint={t(m.creditReasonHint)}
        error={fields.reason}
      />
      <Button type="submit" variant="primary" busy={loading}>
        {t(m.issueCreditNote)}
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}
