import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { formatDateTime, idempotencyKey } from '../../app/format';
import type { FinanceInvoiceFragment, FinancePaymentFragment, PaymentMethod } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { ErrorState, Notice } from '../../ui/states';
import { FinanceInvoicePaymentsQuery, FinanceInvoicePayMutation, FinancePaymentRecordMutation, FinancePaymentRefundMutation } from './operations';
import { Amount, attempt, enumLabel, StatusBadge } from './shared';

const MANUAL_METHODS: readonly PaymentMethod[] = ['BANK_TRANSFER', 'CHECK', 'CASH', 'ACH', 'OTHER'];
/** Statuses an invoice can be paid in. */
const PAYABLE = new Set(['SENT', 'VIEWED', 'PARTIALLY_PAID', 'OVERDUE']);

/**
 * The invoice's payments ledger (payments, refunds, credit notes), "Record payment" (a manual one:
 * check, transfer, cash…), "Refund" of a completed payment, and "Pay by card", which opens the
 * payment provider's hosted page (the local simulator's in development and tests).
 */
export function PaymentsPanel({ invoice }: { invoice: FinanceInvoiceFragment }) {
  const { data, error, refetch } = useQuery(FinanceInvoicePaymentsQuery, { variables: { id: invoice.id }, fetchPolicy: 'cache-and-network' });
  const [recording, setRecording] = useState(false);
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
          <Button onClick={() => setRecording((was) => !was)}>Record payment</Button>
          <Button busy={paying} onClick={() => void payByCard()}>
            Pay by card
          </Button>
        </div>
      ) : null}
      {recording ? (
        <RecordPaymentForm
          invoice={invoice}
          onRecorded={() => {
            setRecording(false);
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
    <li aria-label={`${enumLabel(payment.type)} of ${payment.amount.amount}`}>
      <span className="fin-strong">{enumLabel(payment.type)}</span> <Amount value={payment.amount} /> {payment.method ? enumLabel(payment.method) : ''}{' '}
      <StatusBadge status={payment.status} /> {payment.reference ? <span className="muted">ref. {payment.reference}</span> : null}{' '}
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
