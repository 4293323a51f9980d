import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import { idempotencyKey } from '../../app/format';
import { useT, type Message } from '../../app/i18n';
import type { FinanceInvoiceFragment, InvoiceDiscountInput } from '../../gql/graphql';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, Loading, Notice } from '../../ui/states';
import type { MoneyValue } from '../crm/money';
import { ContactPicker, type PickedContact } from './ContactPicker';
import { InvoiceActions } from './InvoiceActions';
import { m } from './messages';
import { PaymentsPanel } from './PaymentsPanel';
import { RecurringPanel } from './RecurringPanel';
import {
  FinanceInvoiceChangedSubscription,
  FinanceInvoiceCreateMutation,
  FinanceInvoiceLineAddMutation,
  FinanceInvoiceLineRemoveMutation,
  FinanceInvoiceLineUpdateMutation,
  FinanceInvoiceQuery,
  FinanceInvoiceUpdateMutation,
} from './operations';
import { Amount, formatLocalDate, StatusBadge, today } from './shared';
import { computeTotals, type DiscountValue } from './totals';
import './finance.css';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY', 'CAD', 'AUD'];

export interface LineDraft {
  /** Stable key of the row in the form. */
  key: string;
  /** The saved line's id; none for a line added in the form. */
  id?: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
}

export interface InvoiceForm {
  contact: PickedContact | null;
  currencyCode: string;
  issueDate: string;
  dueDate: string;
  discountKind: '' | 'AMOUNT' | 'PERCENT';
  discountValue: string;
  memo: string;
  terms: string;
  lines: LineDraft[];
}

let rowCounter = 0;
const newRow = (): LineDraft => ({ key: `new-${++rowCounter}`, description: '', quantity: '1', unitPrice: '', taxRate: '0' });

const EMPTY_FORM = (): InvoiceForm => ({
  contact: null,
  currencyCode: 'USD',
  issueDate: today(),
  dueDate: '',
  discountKind: '',
  discountValue: '',
  memo: '',
  terms: '',
  lines: [newRow()],
});

/** The form as the saved invoice is. */
export function formOf(invoice: FinanceInvoiceFragment): InvoiceForm {
  return {
    contact: invoice.contact ? { id: invoice.contact.id, name: invoice.contact.name } : null,
    currencyCode: invoice.currencyCode,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    discountKind: invoice.discount?.kind ?? '',
    discountValue: invoice.discount?.value ?? '',
    memo: invoice.memo ?? '',
    terms: invoice.terms ?? '',
    lines: invoice.lines.map((line) => ({
      key: line.id,
      id: line.id,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice.amount,
      taxRate: line.taxRate,
    })),
  };
}

const discountOf = (form: InvoiceForm): InvoiceDiscountInput | null =>
  form.discountKind && form.discountValue.trim() ? { kind: form.discountKind, value: form.discountValue.trim() } : null;

const lineInput = (line: LineDraft) => ({
  description: line.description.trim(),
  quantity: line.quantity.trim() || '1',
  unitPrice: line.unitPrice.trim(),
  taxRate: line.taxRate.trim() || '0',
});

/** /finance/invoices/new and /finance/invoices/:invoiceId — the invoice editor (a draft) or its page. */
export function InvoicePage() {
  const { invoiceId } = useParams();
  if (!invoiceId || invoiceId === 'new') return <InvoiceEditor invoice={null} />;
  return <SavedInvoice id={invoiceId} />;
}

function SavedInvoice({ id }: { id: string }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(FinanceInvoiceQuery, { variables: { id } });
  // Live: the invoice in the cache follows every change (a payment, the customer's view, another tab).
  useSubscription(FinanceInvoiceChangedSubscription, { variables: { id } });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading label={t(m.openingInvoice)} />;
  if (!data?.invoice) return <ErrorState error={new Error(t(m.invoiceNotFound))} />;
  // A new form for each saved version: after a save the server's figures are the truth.
  return <InvoiceEditor key={`${data.invoice.id}`} invoice={data.invoice} />;
}

function InvoiceEditor({ invoice }: { invoice: FinanceInvoiceFragment | null }) {
  const t = useT();
  const navigate = useNavigate();
  const saved = useMemo(() => (invoice ? formOf(invoice) : null), [invoice]);
  const [form, setForm] = useState<InvoiceForm>(() => saved ?? EMPTY_FORM());
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [key] = useState(idempotencyKey);
  const [create] = useMutation(FinanceInvoiceCreateMutation, { refetchQueries: ['FinanceInvoices'] });
  const [updateInvoice] = useMutation(FinanceInvoiceUpdateMutation);
  const [addLine] = useMutation(FinanceInvoiceLineAddMutation);
  const [updateLine] = useMutation(FinanceInvoiceLineUpdateMutation);
  const [removeLine] = useMutation(FinanceInvoiceLineRemoveMutation);

  const editable = !invoice || invoice.status === 'DRAFT';
  const notesEditable = invoice?.status !== 'VOID';
  const dirty = !saved || JSON.stringify(form) !== JSON.stringify(saved);
  const discount: DiscountValue = form.discountKind && form.discountValue.trim() ? { kind: form.discountKind, value: form.discountValue } : null;
  const preview = computeTotals(form.currencyCode, form.lines, discount);
  const set = (change: Partial<InvoiceForm>) => {
    setForm((was) => ({ ...was, ...change }));
    setNotice(null);
  };
  const edit = (change: (was: InvoiceForm) => Partial<InvoiceForm>) => {
    setForm((was) => ({ ...was, ...change(was) }));
    setNotice(null);
  };
  const setLine = (index: number, change: Partial<LineDraft>) =>
    edit((was) => ({ lines: was.lines.map((line, at) => (at === index ? { ...line, ...change } : line)) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form.contact) return setFailure(t(m.chooseCustomer));
    if (form.lines.some((line) => !line.description.trim())) return setFailure(t(m.lineNeedsDescription));
    setFailure(null);
    setSaving(true);
    try {
      if (!invoice) {
        const payload = (
          await create({
            variables: {
              input: {
                contactId: form.contact.id,
                currencyCode: form.currencyCode,
                issueDate: form.issueDate || null,
                dueDate: form.dueDate || null,
                discount: discountOf(form),
                memo: form.memo || null,
                terms: form.terms || null,
                lines: form.lines.map(lineInput),
                idempotencyKey: key,
              },
            },
          })
        ).data?.invoiceCreate;
        const refused = describeUserErrors(payload?.userErrors);
        if (refused) return setFailure(refused);
        if (payload?.invoice) void navigate(`/finance/invoices/${encodeURIComponent(payload.invoice.id)}`, { replace: true });
        return;
      }
      const refused = await saveChanges(invoice, saved!, form);
      if (refused) return setFailure(refused);
      setNotice(t(m.saved));
    } catch (caught) {
      setFailure(describeError(caught));
    } finally {
      setSaving(false);
    }
  }

  /** The header with invoiceUpdate, then the lines removed, changed and added, one by one; the first refusal stops. */
  async function saveChanges(current: FinanceInvoiceFragment, was: InvoiceForm, now: InvoiceForm): Promise<string | null> {
    const header = editable
      ? {
          contactId: now.contact!.id,
          currencyCode: now.currencyCode,
          issueDate: now.issueDate,
          dueDate: now.dueDate,
          discount: discountOf(now),
          memo: now.memo || null,
          terms: now.terms || null,
        }
      : { memo: now.memo || null, terms: now.terms || null };
    const headerChanged = JSON.stringify({ ...was, lines: [] }) !== JSON.stringify({ ...now, lines: [] });
    let latest: FinanceInvoiceFragment | null | undefined = current;
    if (headerChanged) {
      const payload = (await updateInvoice({ variables: { input: { id: current.id, ...header } } })).data?.invoiceUpdate;
      const refused = describeUserErrors(payload?.userErrors);
      if (refused) return refused;
      latest = payload?.invoice ?? latest;
    }
    if (!editable) {
      if (latest) setForm(formOf(latest));
      return null;
    }
    const kept = new Set(now.lines.flatMap((line) => (line.id ? [line.id] : [])));
    for (const line of was.lines) {
      if (kept.has(line.id!)) continue;
      const payload = (await removeLine({ variables: { input: { id: line.id! } } })).data?.invoiceLineRemove;
      const refused = describeUserErrors(payload?.userErrors);
      if (refused) return refused;
    }
    for (const [position, line] of now.lines.entries()) {
      const before = was.lines.find((old) => old.id && old.id === line.id);
      if (before && JSON.stringify(lineInput(before)) === JSON.stringify(lineInput(line))) continue;
      const payload = before
        ? (await updateLine({ variables: { input: { id: line.id!, ...lineInput(line) } } })).data?.invoiceLineUpdate
        : (await addLine({ variables: { input: { invoiceId: current.id, position, ...lineInput(line) } } })).data?.invoiceLineAdd;
      const refused = describeUserErrors(payload?.userErrors);
      if (refused) return refused;
      latest = payload?.invoice ?? latest;
    }
    if (latest) setForm(formOf(latest));
    return null;
  }

  const title = invoice ? t(m.invoiceTitle, { number: invoice.number }) : t(m.newInvoice);
  // The customer of an invoice whose contact was deleted or cannot be read.
  const unseenContact = t(m.unseenContact);
  return (
    <div className="fin-page">
      <PageHeader
        title={title}
        subtitle={
          invoice ? (
            <>
              <StatusBadge status={invoice.status} />{' '}
              {t(m.invoiceSubtitle, {
                customer: invoice.contact?.name ?? unseenContact,
                issued: formatLocalDate(invoice.issueDate),
                due: formatLocalDate(invoice.dueDate),
              })}
            </>
          ) : (
            <Link to="/finance/invoices">{t(m.allInvoices)}</Link>
          )
        }
        actions={invoice ? <InvoiceActions invoice={invoice} dirty={dirty} /> : null}
      />
      <form className="fin-editor" aria-label={title} onSubmit={save}>
        <div className="fin-grid">
          {editable ? (
            <ContactPicker label={t(m.customer)} value={form.contact} onChange={(contact) => set({ contact })} />
          ) : (
            <p>
              <span className="muted">{t(m.customer)}</span>{' '}
              {invoice?.contact ? <Link to={`/crm/contacts/${encodeURIComponent(invoice.contact.id)}`}>{invoice.contact.name}</Link> : unseenContact}
            </p>
          )}
          <SelectField label={t(m.currency)} value={form.currencyCode} disabled={!editable} onChange={(event) => set({ currencyCode: event.target.value })}>
            {[...new Set([form.currencyCode, ...CURRENCIES])].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t(m.issueDate)}
            type="date"
            value={form.issueDate}
            disabled={!editable}
            onChange={(event) => set({ issueDate: event.target.value })}
          />
          <TextField
            label={t(m.dueDate)}
            type="date"
            value={form.dueDate}
            disabled={!editable}
            hint={invoice ? undefined : t(m.dueDateHint)}
            onChange={(event) => set({ dueDate: event.target.value })}
          />
        </div>
        <LinesTable form={form} editable={editable} preview={preview} setLine={setLine} edit={edit} />
        <div className="fin-bottom">
          <div className="fin-notes">
            <TextArea label={t(m.notes)} value={form.memo} disabled={!notesEditable} onChange={(event) => set({ memo: event.target.value })} rows={3} />
            <TextArea label={t(m.terms)} value={form.terms} disabled={!notesEditable} onChange={(event) => set({ terms: event.target.value })} rows={3} />
          </div>
          <div className="fin-totals-box">
            <div className="fin-grid fin-discount">
              <SelectField
                label={t(m.discount)}
                value={form.discountKind}
                disabled={!editable}
                onChange={(event) => set({ discountKind: event.target.value as InvoiceForm['discountKind'] })}
              >
                <option value="">{t(m.discountNone)}</option>
                <option value="PERCENT">{t(m.discountPercentOption)}</option>
                <option value="AMOUNT">{t(m.discountAmountOption)}</option>
              </SelectField>
              {form.discountKind ? (
                <TextField
                  label={form.discountKind === 'PERCENT' ? t(m.discountPercent) : t(m.discountAmount)}
                  inputMode="decimal"
                  value={form.discountValue}
                  disabled={!editable}
                  onChange={(event) => set({ discountValue: event.target.value })}
                />
              ) : null}
            </div>
            <Totals invoice={invoice} preview={dirty ? preview : null} currencyCode={form.currencyCode} dirty={dirty} />
          </div>
        </div>
        <Notice>{failure}</Notice>
        {notice ? <Notice tone="success">{notice}</Notice> : null}
        {editable || notesEditable ? (
          <div>
            <Button type="submit" variant="primary" busy={saving} disabled={!dirty}>
              {invoice ? t(m.saveChanges) : t(m.createInvoice)}
            </Button>
          </div>
        ) : null}
      </form>
      {invoice && invoice.status !== 'DRAFT' ? <PaymentsPanel invoice={invoice} /> : null}
      {invoice ? <RecurringPanel invoice={invoice} /> : null}
    </div>
  );
}

function LinesTable({
  form,
  editable,
  preview,
  setLine,
  edit,
}: {
  form: InvoiceForm;
  editable: boolean;
  preview: ReturnType<typeof computeTotals>;
  setLine(index: number, change: Partial<LineDraft>): void;
  edit(change: (was: InvoiceForm) => Partial<InvoiceForm>): void;
}) {
  const t = useT();
  return (
    <section className="panel" aria-label={t(m.lines)}>
      <table className="fin-lines">
        <thead>
          <tr>
            <th>{t(m.description)}</th>
            <th className="fin-num">{t(m.quantity)}</th>
            <th className="fin-num">{t(m.unitPrice)}</th>
            <th className="fin-num">{t(m.taxPercent)}</th>
            <th className="fin-num">{t(m.amount)}</th>
            {editable ? <th aria-label={t(m.actions)} /> : null}
          </tr>
        </thead>
        <tbody>
          {form.lines.map((line, index) => (
            <tr key={line.key} aria-label={t(m.line, { number: index + 1 })}>
              <td>
                <input
                  aria-label={t(m.lineDescription, { number: index + 1 })}
                  value={line.description}
                  disabled={!editable}
                  onChange={(event) => setLine(index, { description: event.target.value })}
                />
              </td>
              <td className="fin-num">
                <input
                  aria-label={t(m.lineQuantity, { number: index + 1 })}
                  inputMode="decimal"
                  value={line.quantity}
                  disabled={!editable}
                  onChange={(event) => setLine(index, { quantity: event.target.value })}
                />
              </td>
              <td className="fin-num">
                <input
                  aria-label={t(m.lineUnitPrice, { number: index + 1 })}
                  inputMode="decimal"
                  value={line.unitPrice}
                  disabled={!editable}
                  onChange={(event) => setLine(index, { unitPrice: event.target.value })}
                />
              </td>
              <td className="fin-num">
                <input
                  aria-label={t(m.lineTaxRate, { number: index + 1 })}
                  inputMode="decimal"
                  value={line.taxRate}
                  disabled={!editable}
                  onChange={(event) => setLine(index, { taxRate: event.target.value })}
                />
              </td>
              <td className="fin-num" aria-label={t(m.lineAmount, { number: index + 1 })}>
                {preview?.lines[index] ? <Amount value={{ amount: preview.lines[index].amount, currencyCode: form.currencyCode }} /> : '—'}
              </td>
              {editable ? (
                <td>
                  <Button
                    variant="ghost"
                    aria-label={t(m.removeLine, { number: index + 1 })}
                    onClick={() => edit((was) => ({ lines: was.lines.filter((_, at) => at !== index) }))}
                  >
                    ×
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {editable ? (
        <Button variant="ghost" onClick={() => edit((was) => ({ lines: [...was.lines, newRow()] }))}>
          {t(m.addLine)}
        </Button>
      ) : null}
    </section>
  );
}

/** The saved invoice's amounts (the server's), or the preview of unsaved edits. */
function Totals({
  invoice,
  preview,
  currencyCode,
  dirty,
}: {
  invoice: FinanceInvoiceFragment | null;
  preview: ReturnType<typeof computeTotals>;
  currencyCode: string;
  dirty: boolean;
}) {
  const t = useT();
  const money = (amount: string) => ({ amount, currencyCode });
  const rows: [Message, MoneyValue][] | null =
    dirty || !invoice
      ? preview
        ? [
            [m.subtotal, money(preview.subtotal)],
            [m.discount, money(preview.discountTotal)],
            [m.tax, money(preview.taxTotal)],
            [m.total, money(preview.total)],
          ]
        : null
      : [
          [m.subtotal, invoice.subtotal],
          [m.discount, invoice.discountTotal],
          [m.tax, invoice.taxTotal],
          [m.total, invoice.total],
          [m.paid, invoice.amountPaid],
          [m.amountDue, invoice.amountDue],
        ];
  return (
    <section aria-label={t(m.totals)} className="fin-totals">
      {rows ? (
        <dl>
          {rows.map(([label, value]) => (
            <div key={label.id} className={label === m.total || label === m.amountDue ? 'fin-strong' : undefined}>
              <dt>{t(label)}</dt>
              <dd aria-label={t(label)}>
                <Amount value={value} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t(m.figuresMustBeNumbers)}</p>
      )}
      {dirty && invoice ? <p className="muted">{t(m.totalsArePreview)}</p> : null}
    </section>
  );
}
