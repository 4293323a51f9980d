import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { idempotencyKey } from '../../app/format';
import type { FinanceInvoiceFragment, FinanceRecurringInvoiceFragment, RecurrenceFrequency } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { ErrorState, Notice } from '../../ui/states';
import {
  FinanceInvoiceMakeRecurringMutation,
  FinanceInvoiceRecurrenceQuery,
  FinanceRecurringInvoiceStopMutation,
  FinanceRecurringInvoiceUpdateMutation,
} from './operations';
import { attempt, enumLabel, formatLocalDate, StatusBadge, today } from './shared';

const FREQUENCIES: readonly RecurrenceFrequency[] = ['WEEKLY', 'MONTHLY', 'QUARTERLY', 'ANNUALLY'];

/** "a@x.test, b@y.test" → the addresses; none → null (the customer's e-mail address). */
const addressesOf = (text: string): string[] | null => {
  const addresses = text
    .split(/[,;\s]+/)
    .map((address) => address.trim())
    .filter(Boolean);
  return addresses.length ? addresses : null;
};

const countOf = (count: number) => `${count} invoice${count === 1 ? '' : 's'}`;

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
  const { data, error, refetch } = useQuery(FinanceInvoiceRecurrenceQuery, { variables: { id: invoice.id }, fetchPolicy: 'cache-and-network' });
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [stopRule, { loading: stopping }] = useMutation(FinanceRecurringInvoiceStopMutation);
  const rule = data?.invoice?.recurrence ?? null;
  const running = rule?.enabled ? rule : null;
  const issuedBy = data?.invoice?.issuedBy;

  if (error && !data) {
    return (
      <section className="panel" aria-label="Repeat">
        <h2 className="panel-title">Repeat</h2>
        <ErrorState error={error} retry={() => void refetch()} />
      </section>
    );
  }
  if (!data || (invoice.status === 'VOID' && !rule)) return null;

  async function stop(id: string) {
    setFailure(await attempt(async () => (await stopRule({ variables: { input: { id } } })).data?.recurringInvoiceStop));
  }

  return (
    <section className="panel" aria-label="Repeat">
      <h2 className="panel-title">Repeat</h2>
      {issuedBy?.template ? (
        <p className="muted">
          Issued by the recurring invoice of <Link to={`/finance/invoices/${encodeURIComponent(issuedBy.template.id)}`}>{issuedBy.template.number}</Link>.
        </p>
      ) : null}
      {running && !editing ? (
        <>
          <RuleSummary rule={running} />
          <div className="fin-actions">
            <Button onClick={() => setEditing(true)}>Change</Button>
            <Button variant="danger" busy={stopping} onClick={() => void stop(running.id)}>
              Stop repeating
            </Button>
          </div>
        </>
      ) : null}
      {running && editing ? <RuleEditor rule={running} onDone={() => setEditing(false)} /> : null}
      {!running ? (
        <>
          {rule ? (
            <p className="muted">
              Stopped{rule.stoppedAt ? ` on ${formatLocalDate(rule.stoppedAt.slice(0, 10))}` : ''}; it issued {countOf(rule.invoices?.totalCount ?? 0)}.
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
  const issued = rule.invoices ?? { totalCount: 0, nodes: [] };
  return (
    <div aria-label="Recurring invoice">
      <p>
        {enumLabel(rule.frequency)} from {formatLocalDate(rule.startDate)}
        {rule.endDate ? ` until ${formatLocalDate(rule.endDate)}` : ''}.{' '}
        {rule.active ? <>Next invoice on {formatLocalDate(rule.nextIssueDate)}.</> : 'No periods left.'}
      </p>
      <p>{rule.autoSend ? `Each invoice is sent to ${(rule.sendTo ?? []).join(', ')}.` : 'Each invoice is issued as a draft for you to send.'}</p>
      <p className="muted">{countOf(issued.totalCount)} issued</p>
      {issued.nodes.length ? (
        <ul className="fin-payments" aria-label="Issued invoices">
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
    <form className="fin-grid" aria-label="Make recurring" onSubmit={submit}>
      <RuleFields form={form} set={(change) => setForm((was) => ({ ...was, ...change }))} dateLabel="Start date" />
      <Button type="submit" variant="primary" busy={loading}>
        Make recurring
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}

function RuleEditor({ rule, onDone }: { rule: FinanceRecurringInvoiceFragment; onDone(): void }) {
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
    <form className="fin-grid" aria-label="Change recurring invoice" onSubmit={submit}>
      <RuleFields form={form} set={(change) => setForm((was) => ({ ...was, ...change }))} dateLabel="Next issue date" />
      <Button type="submit" variant="primary" busy={loading}>
        Save
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Cancel
      </Button>
      <Notice>{failure}</Notice>
    </form>
  );
}

function RuleFields({ form, set, dateLabel }: { form: RuleForm; set(change: Partial<RuleForm>): void; dateLabel: string }) {
  return (
    <>
      <SelectField label="Frequency" value={form.frequency} onChange={(event) => set({ frequency: event.target.value as RecurrenceFrequency })}>
        {FREQUENCIES.map((frequency) => (
          <option key={frequency} value={frequency}>
            {enumLabel(frequency)}
          </option>
        ))}
      </SelectField>
      <TextField label={dateLabel} type="date" value={form.date} required onChange={(event) => set({ date: event.target.value })} />
      <TextField label="End date" type="date" value={form.endDate} hint="Empty: no end." onChange={(event) => set({ endDate: event.target.value })} />
      <label className="checkbox-label">
        <input type="checkbox" checked={form.autoSend} onChange={(event) => set({ autoSend: event.target.checked })} /> Send each invoice automatically
      </label>
      {form.autoSend ? (
        <TextField
          label="Send to"
          value={form.sendTo}
          hint="E-mail addresses, separated by commas. Empty: the customer’s e-mail address."
          onChange={(event) => set({ sendTo: event.target.value })}
        />
      ) : null}
    </>
  );
}
