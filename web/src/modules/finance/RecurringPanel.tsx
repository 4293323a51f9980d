import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { idempotencyKey } from '../../app/format';
import { useT, useTranslator } from '../../app/i18n';
import type { FinanceInvoiceFragment, FinanceRecurringInvoiceFragment, RecurrenceFrequency } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { ErrorState, Notice } from '../../ui/states';
import { m } from './messages';
import {
  FinanceInvoiceMakeRecurringMutation,
  FinanceInvoiceRecurrenceQuery,
  FinanceRecurringInvoiceStopMutation,
  FinanceRecurringInvoiceUpdateMutation,
} from './operations';
import { attempt, formatLocalDate, frequencyLabel, richText, StatusBadge, today } from './shared';

const FREQUENCIES: readonly RecurrenceFrequency[] = ['WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY'];

/** "a@x.test, b@y.test" → the addresses; none → null (the customer's e-mail address). */
const addressesOf = (text: string): string[] | null => {
  const addresses = text
    .split(/[,;\s]+/)
    .map((address) => address.trim())
    .filter(Boolean);
  return addresses.length ? addresses : null;
};

interface RuleForm {
  frequency: RecurrenceFrequency;
  /** The start date (a new rule) or the next issue date (a running one). */
  date: string;
  endDate: string;
  autoSend: boolean;
  sendTo: string;
}

/**
 * The invoice page's "Repeat" panel: make the invoice the template of a recurring invoice
 * (frequency, start, end, auto-send and to whom), and for a running one its next date, the
 * invoices it issued, a change and a stop.
 */
export function RecurringPanel({ invoice }: { invoice: Pick<FinanceInvoiceFragment, 'id' | 'status'> }) {
  const reader = useTranslator();
  const t = useT();
  const { data, error, refetch } = useQuery(FinanceInvoiceRecurrenceQuery, { variables: { id: invoice.id }, fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stopRule, { loading: stopping }] = useMutation(FinanceRecurringInvoiceStopMutation);
  const rule = data?.invoice?.recurrence ?? null;
  const running = rule?.enabled ? rule : null;
  const issuedBy = data?.invoice?.issuedBy;

  if (error && !data) {
    return (
      <section className="panel" aria-label={t(m.repeat)}>
        <h2 className="panel-title">{t(m.repeat)}</h2>
        <ErrorState error={error} retry={() => void refetch()} />
      </section>
    );
  }
  if (!data || (invoice.status === 'VOID' && !rule)) return null;

  async function stop(id: string) {
    setFailure(await attempt(async () => (await stopRule({ variables: { input: { id } } })).data?.recurringInvoiceStop));
  }

  return (
    <section className="panel" aria-label={t(m.repeat)}>
      <h2 className="panel-title">{t(m.repeat)}</h2>
      {issuedBy?.template ? (
        <p className="muted">
          {richText(
            reader,
            m.issuedByTemplate,
            {},
            {
              number: <Link to={`/finance/invoices/${encodeURIComponent(issuedBy.template.id)}`}>{issuedBy.template.number}</Link>,
            },
          )}
        </p>
      ) : null}
      {running && !editing ? (
        <>
          <RuleSummary rule={running} />
          <div className="fin-actions">
            <Button onClick={() => setEditing(true)}>{t(m.change)}</Button>
            <Button variant="danger" busy={stopping} onClick={() => void stop(running.id)}>
              {t(m.stopRepeating)}
            </Button>
          </div>
        </>
      ) : null}
      {running && editing ? <RuleEditor rule={running} onDone={() => setEditing(false)} /> : null}
      {!running ? (
        <>
          {rule ? (
            <p className="muted">
              {rule.stoppedAt
                ? t(m.stoppedOn, { date: reader.date(rule.stoppedAt, 'date'), count: rule.invoices?.totalCount ?? 0 })
                : t(m.stopped, { count: rule.invoices?.totalCount ?? 0 })}
            </p>
          ) : null}
          {invoice.status !== 'VOID' ? <MakeRecurringForm invoiceId={invoice.id} onMade={() => void refetch()} /> : null}
        </>
      ) : null}
      <Notice>{failure}</Notice>
    </section>
  );
}

function RuleSummary({ rule }: { rule: FinanceRecurringInvoiceFragment }) {
  const reader = useTranslator();
  const t = useT();
  const issued = rule.invoices ?? { totalCount: 0, nodes: [] };
  return (
    <div aria-label={t(m.recurringInvoice)}>
      <p>
        {rule.endDate
          ? t(m.scheduleUntil, {
              frequency: frequencyLabel(rule.frequency, reader),
              start: formatLocalDate(rule.startDate),
              end: formatLocalDate(rule.endDate),
            })
          : t(m.schedule, { frequency: frequencyLabel(rule.frequency, reader), start: formatLocalDate(rule.startDate) })}{' '}
        {rule.active ? t(m.nextInvoiceOn, { date: formatLocalDate(rule.nextIssueDate) }) : t(m.noPeriodsLeft)}
      </p>
      <p>{rule.autoSend ? t(m.sentEachTo, { recipients: (rule.sendTo ?? []).join(', ') }) : t(m.issuedAsDraft)}</p>
      <p className="muted">{t(m.invoicesIssued, { count: issued.totalCount })}</p>
      {issued.nodes.length ? (
        <ul className="fin-payments" aria-label={t(m.issuedInvoices)}>
          {issued.nodes.map((issuedInvoice) => (
            <li key={issuedInvoice.id}>
              <Link to={`/finance/invoices/${encodeURIComponent(issuedInvoice.id)}`}>{issuedInvoice.number}</Link> <StatusBadge status={issuedInvoice.status} />{' '}
              <span className="muted">{formatLocalDate(issuedInvoice.issueDate)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function MakeRecurringForm({ invoiceId, onMade }: { invoiceId: string; onMade(): void }) {
  const t = useT();
  const [form, setForm] = useState<RuleForm>({ frequency: 'MONTHLY', date: today(), endDate: '', autoSend: false, sendTo: '' });
  const [failure, setFailure] = useState<string | null>(null);
  const [key] = useState(idempotencyKey);
  const [make, { loading }] = useMutation(FinanceInvoiceMakeRecurringMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      invoiceId,
      frequency: form.frequency,
      startDate: form.date || null,
      endDate: form.endDate || null,
      autoSend: form.autoSend,
      sendTo: form.autoSend ? addressesOf(form.sendTo) : null,
      idempotencyKey: key,
    };
    const refused = await attempt(async () => (await make({ variables: { input } })).data?.invoiceMakeRecurring);
    setFailure(refused);
    // The invoice's `recurrence` is a field of the invoice: ask for it again once the rule exists.
    if (!refused) onMade();
  }

  return (
    <form className="fin-grid" aria-label={t(m.makeRecurring)} onSubmit={submit}>
      <RuleFields form={form} set={(change) => setForm((was) => ({ ...was, ...change }))} dateLabel={t(m.startDate)} />
      <Button type="submit" variant="primary" busy={loading}>
        {t(m.makeRecurring)}
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}

function RuleEditor({ rule, onDone }: { rule: FinanceRecurringInvoiceFragment; onDone(): void }) {
  const t = useT();
  const [form, setForm] = useState<RuleForm>({
    frequency: rule.frequency,
    date: rule.nextIssueDate,
    endDate: rule.endDate ?? '',
    autoSend: rule.autoSend,
    sendTo: (rule.sendTo ?? []).join(', '),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const [update, { loading }] = useMutation(FinanceRecurringInvoiceUpdateMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      id: rule.id,
      // A new frequency or next date starts the periods again from it: send them only when changed.
      frequency: form.frequency !== rule.frequency ? form.frequency : null,
      nextIssueDate: form.date !== rule.nextIssueDate ? form.date : null,
      endDate: form.endDate || null,
      autoSend: form.autoSend,
      ...(form.autoSend ? { sendTo: addressesOf(form.sendTo) } : {}),
    };
    const refused = await attempt(async () => (await update({ variables: { input } })).data?.recurringInvoiceUpdate);
    setFailure(refused);
    if (!refused) onDone();
  }

  return (
    <form className="fin-grid" aria-label={t(m.changeRecurring)} onSubmit={submit}>
      <RuleFields form={form} set={(change) => setForm((was) => ({ ...was, ...change }))} dateLabel={t(m.nextIssueDate)} />
      <Button type="submit" variant="primary" busy={loading}>
        {t(m.save)}
      </Button>
      <Button variant="ghost" onClick={onDone}>
        {t(m.cancel)}
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}

function RuleFields({ form, set, dateLabel }: { form: RuleForm; set(change: Partial<RuleForm>): void; dateLabel: string }) {
  const reader = useTranslator();
  const t = useT();
  return (
    <>
      <SelectField label={t(m.frequency)} value={form.frequency} onChange={(event) => set({ frequency: event.target.value as RecurrenceFrequency })}>
        {FREQUENCIES.map((frequency) => (
          <option key={frequency} value={frequency}>
            {frequencyLabel(frequency, reader)}
          </option>
        ))}
      </SelectField>
      <TextField label={dateLabel} type="date" value={form.date} required onChange={(event) => set({ date: event.target.value })} />
      <TextField label={t(m.endDate)} type="date" value={form.endDate} hint={t(m.endDateHint)} onChange={(event) => set({ endDate: event.target.value })} />
      <label className="checkbox-label">
        <input type="checkbox" checked={form.autoSend} onChange={(event) => set({ autoSend: event.target.checked })} /> {t(m.sendAutomatically)}
      </label>
      {form.autoSend ? (
        <TextField label={t(m.sendTo)} value={form.sendTo} hint={t(m.sendToHint)} onChange={(event) => set({ sendTo: event.target.value })} />
      ) : null}
    </>
  );
}
