import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { idempotencyKey } from '../../app/format';
import { useT, useTranslator, type Message } from '../../app/i18n';
import type { FinancePublicInvoiceQuery as PublicInvoiceData } from '../../gql/graphql';
import { Button } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import type { MoneyValue } from '../crm/money';
import { m } from './messages';
import { FinancePublicInvoicePayMutation, FinancePublicInvoiceQuery } from './operations';
import { Amount, attempt, formatLocalDate, moneyText, StatusBadge } from './shared';
import './finance.css';

/**
 * /invoice?token=… — the page an invoice e-mail links to, for a customer without an account: who
 * issued it, its lines and amounts, what is still due, its PDF, and paying it by card on the
 * provider's hosted page, which brings the customer back here. The token is the only credential
 * (`publicInvoice`, whose first view marks the invoice VIEWED; `publicInvoicePay`).
 */
export function PublicInvoicePage() {
  const t = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { data, loading, error, refetch } = useQuery(FinancePublicInvoiceQuery, { variables: { token }, skip: !token });
  const invoice = data?.publicInvoice;
  // Back from the hosted payment page through the browser's history (a page restored as it was): ask again.
  useEffect(() => {
    if (!token) return;
    const again = (event: PageTransitionEvent) => {
      if (event.persisted) void refetch();
    };
    window.addEventListener('pageshow', again);
    return () => window.removeEventListener('pageshow', again);
  }, [token, refetch]);
  if (!token) return <PublicFrame>{t(m.linkIncomplete)}</PublicFrame>;
  if (error && !data)
    return (
      <PublicFrame>
        <ErrorState error={error} retry={() => void refetch()} />
      </PublicFrame>
    );
  if (loading && !data) return <Loading label={t(m.openingInvoice)} />;
  if (!invoice) return <PublicFrame>{t(m.invoiceInvalidLink)}</PublicFrame>;
  return (
    <main className="fin-public">
      <header>
        <span className="brand">{invoice.organizationName}</span>
        <h1>{t(m.invoiceTitle, { number: invoice.number })}</h1>
        <p>
          <StatusBadge status={invoice.status} />{' '}
          {t(m.publicSubtitle, { customer: invoice.customerName, issued: formatLocalDate(invoice.issueDate), due: formatLocalDate(invoice.dueDate) })}
        </p>
      </header>
      <table className="fin-lines" aria-label={t(m.lines)}>
        <thead>
          <tr>
            <th>{t(m.description)}</th>
            <th className="fin-num">{t(m.quantity)}</th>
            <th className="fin-num">{t(m.unitPrice)}</th>
            <th className="fin-num">{t(m.taxPercent)}</th>
            <th className="fin-num">{t(m.amount)}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line, index) => (
            <tr key={index}>
              <td>{line.description}</td>
              <td className="fin-num">{line.quantity}</td>
              <td className="fin-num">
                <Amount value={line.unitPrice} />
              </td>
              <td className="fin-num">{line.taxRate}</td>
              <td className="fin-num">
                <Amount value={line.amount} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-label={t(m.totals)} className="fin-totals">
        <dl>
          {(
            [
              [m.subtotal, invoice.subtotal],
              [m.discount, invoice.discountTotal],
              [m.tax, invoice.taxTotal],
              [m.total, invoice.total],
              [m.paid, invoice.amountPaid],
              [m.amountDue, invoice.amountDue],
            ] satisfies [Message, MoneyValue][]
          ).map(([label, value]) => (
            <div key={label.id} className={label === m.amountDue ? 'fin-strong' : undefined}>
              <dt>{t(label)}</dt>
              <dd aria-label={t(label)}>
                <Amount value={value} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <PayOrPaid token={token} invoice={invoice} />
      <p>
        <a href={invoice.pdfUrl} target="_blank" rel="noopener noreferrer">
          {t(m.downloadPdf)}
        </a>
      </p>
      {invoice.memo ? <p>{invoice.memo}</p> : null}
      {invoice.terms ? <p className="muted">{invoice.terms}</p> : null}
    </main>
  );
}

type PublicInvoice = NonNullable<PublicInvoiceData['publicInvoice']>;

/**
 * "Pay <amount due>" while the invoice takes payments: starts a card payment and goes to the
 * provider's hosted page (one idempotency key per visit: a double click is one payment). A paid
 * invoice says so instead.
 */
function PayOrPaid({ token, invoice }: { token: string; invoice: PublicInvoice }) {
  const reader = useTranslator();
  const [payKey] = useState(idempotencyKey);
  const [failure, setFailure] = useState<string | null>(null);
  const [pay, { loading: paying }] = useMutation(FinancePublicInvoicePayMutation);
  if (invoice.status === 'PAID') return <Notice tone="success">{reader.t(m.paidInFull)}</Notice>;
  if (!invoice.payable) return null;

  async function payByCard() {
    let url: string | null | undefined;
    const refused = await attempt(async () => {
      const payload = (await pay({ variables: { token, idempotencyKey: payKey } })).data?.publicInvoicePay;
      url = payload?.paymentUrl;
      return payload;
    });
    setFailure(refused);
    if (!refused && url) window.location.assign(url);
  }

  return (
    <div className="fin-actions">
      <Button variant="primary" busy={paying} onClick={() => void payByCard()}>
        {reader.t(m.pay, { amount: moneyText(invoice.amountDue, reader) })}
      </Button>
      <Notice>{failure}</Notice>
    </div>
  );
}

function PublicFrame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <main className="fin-public">
      <h1>{t(m.invoice)}</h1>
      <div>{children}</div>
    </main>
  );
}
