import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { Button, SelectField, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { formatMoney } from '../crm/money';
import { BarChart } from '../../ui/charts/BarChart';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { DonutChart } from '../../ui/charts/DonutChart';
import { HorizontalBarChart } from '../../ui/charts/HorizontalBarChart';
import { Legend } from '../../ui/charts/Legend';
import { FinanceTabs } from './FinanceTabs';
import { FinanceReportsQuery } from './operations';
import {
  AGING_BUCKETS,
  agingOf,
  CATEGORY_TONES,
  expensesOf,
  formatAxisMoney,
  hasRevenue,
  isEmptyReport,
  monthLabels,
  percentOf,
  profitAndLossOf,
  reportCurrencies,
  revenueByMonth,
  signOf,
  sumAmounts,
  type Reports,
} from './reportFigures';
import { isPresetPeriod, monthsOf, PERIOD_PRESETS, periodProblem, presetPeriod, type Period } from './reportPeriod';
import { Amount, enumLabel, today } from './shared';
import './finance.css';

/** Bars are drawn from numbers; every figure shown is the API's exact amount. */
const size = (amount: string) => Number(amount);
const money = (amount: string, currencyCode: string) => formatMoney({ amount, currencyCode });
const AGING_TONES = [2, 3, 4, 5, 8];

/**
 * /finance/reports — revenue by month, receivables by age, expenses by category and profit and
 * loss of a period (`?from=&to=`, this year by default) in one currency (`?currency=`, the first
 * the answers mention by default); amounts in different currencies are never added.
 */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const day = today();
  const fallback = presetPeriod('this-year', day);
  const period: Period = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  const problem = periodProblem(period);
  const { data, previousData, loading, error, refetch } = useQuery(FinanceReportsQuery, {
    variables: { ...period, asOf: day },
    skip: problem !== null,
    notifyOnNetworkStatusChange: true,
  });
  const reports = data ?? previousData;
  const currencies = reports ? reportCurrencies(reports) : [];
  const asked = params.get('currency');
  const currency = asked && currencies.includes(asked) ? asked : currencies[0];

  const update = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ from: period.from, to: period.to, ...change })) next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <div className="fin-page">
      <PageHeader title="Reports" subtitle="Revenue, receivables, expenses and profit, in one currency at a time (currencies are never added together)." />
      <FinanceTabs />
      <form className="fin-filters" role="search" aria-label="Report period" onSubmit={(event) => event.preventDefault()}>
        <TextField label="From" type="date" value={period.from} onChange={(event) => update({ from: event.target.value })} />
        <TextField label="To" type="date" value={period.to} onChange={(event) => update({ to: event.target.value })} />
        <div className="fin-presets" role="group" aria-label="Period presets">
          {PERIOD_PRESETS.map(({ preset, label }) => (
            <Button key={preset} variant="ghost" aria-pressed={isPresetPeriod(period, preset, day)} onClick={() => update({ ...presetPeriod(preset, day) })}>
              {label}
            </Button>
          ))}
        </div>
        {currencies.length ? (
          <SelectField label="Currency" value={currency} onChange={(event) => update({ currency: event.target.value })}>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
        ) : null}
      </form>
      <Notice>{problem}</Notice>
      {problem ? null : loading && !reports ? (
        <Loading label="Loading the reports…" />
      ) : error && !reports ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !reports || !currency || isEmptyReport(reports) ? (
        <EmptyState title="No invoices in this period">Issued invoices, payments received and approved expenses of the period appear here.</EmptyState>
      ) : (
        <div className="fin-reports" aria-busy={loading || undefined}>
          <ProfitAndLossCard reports={reports} currency={currency} />
          <RevenueChart reports={reports} currency={currency} period={period} />
          <AgingChart reports={reports} currency={currency} />
          <ExpensesChart reports={reports} currency={currency} />
        </div>
      )}
    </div>
  );
}

/** Cash basis: collected − approved and reimbursed expenses, the result signed and coloured. */
function ProfitAndLossCard({ reports, currency }: { reports: Reports; currency: string }) {
  const figures = profitAndLossOf(reports, currency);
  const sign = signOf(figures.net);
  const outcome = sign > 0 ? 'Profit' : sign < 0 ? 'Loss' : 'Break-even';
  return (
    <section className="panel fin-pnl" aria-label="Profit and loss">
      <h2 className="panel-title">Profit and loss</h2>
      <dl className="fin-pnl-figures">
        <div>
          <dt>Revenue (collected)</dt>
          <dd>
            <Amount value={{ amount: figures.revenue, currencyCode: currency }} />
          </dd>
        </div>
        <div>
          <dt>Expenses</dt>
          <dd>
            <Amount value={{ amount: figures.expenses, currencyCode: currency }} />
          </dd>
        </div>
        <div className={`fin-pnl-net ${sign > 0 ? 'fin-profit' : sign < 0 ? 'fin-loss' : ''}`} data-sign={sign}>
          <dt>{outcome}</dt>
          <dd>
            <span className="fin-amount">{`${sign > 0 ? '+' : ''}${money(figures.net, currency)}`}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function RevenueChart({ reports, currency, period }: { reports: Reports; currency: string; period: Period }) {
  const months = monthsOf(period);
  const rows = revenueByMonth(reports, currency, months);
  const withYear = months[0]?.slice(0, 4) !== months.at(-1)?.slice(0, 4);
  const invoiced = sumAmounts(
    rows.map((row) => row.invoiced),
    currency,
  );
  const collected = sumAmounts(
    rows.map((row) => row.collected),
    currency,
  );
  const invoiceCount = rows.reduce((sum, row) => sum + row.invoiceCount, 0);
  return (
    <section className="panel" aria-label="Revenue by month">
      <ChartFigure
        title="Revenue by month"
        summary={
          <>
            Invoiced <Amount value={{ amount: invoiced, currencyCode: currency }} />, collected <Amount value={{ amount: collected, currencyCode: currency }} />
          </>
        }
        table={{
          columns: ['Month', 'Invoiced', 'Collected', 'Invoices'],
          rows: rows.map((row) => ({
            key: row.month,
            header: monthLabels(row.month, true).long,
            cells: [
              <Amount key="invoiced" value={{ amount: row.invoiced, currencyCode: currency }} />,
              <Amount key="collected" value={{ amount: row.collected, currencyCode: currency }} />,
              row.invoiceCount,
            ],
          })),
          footer: {
            header: 'Total',
            cells: [
              <Amount key="invoiced" value={{ amount: invoiced, currencyCode: currency }} />,
              <Amount key="collected" value={{ amount: collected, currencyCode: currency }} />,
              invoiceCount,
            ],
          },
        }}
        empty={
          hasRevenue(reports, currency) ? null : <EmptyState title="No invoices in this period">Nothing was invoiced or collected in {currency}.</EmptyState>
        }
      >
        <BarChart
          series={[
            { key: 'invoiced', label: 'Invoiced', tone: 1 },
            { key: 'collected', label: 'Collected', tone: 2 },
          ]}
          groups={rows.map((row) => {
            const labels = monthLabels(row.month, withYear);
            return {
              key: row.month,
              label: labels.short,
              title: labels.long,
              values: [
                { value: size(row.invoiced), display: money(row.invoiced, currency) },
                { value: size(row.collected), display: money(row.collected, currency) },
              ],
            };
          })}
          formatTick={(tick) => formatAxisMoney(tick, currency)}
        />
      </ChartFigure>
    </section>
  );
}

function AgingChart({ reports, currency }: { reports: Reports; currency: string }) {
  const aging = agingOf(reports, currency);
  const buckets = AGING_BUCKETS.map((bucket, index) => ({ ...bucket, amount: aging?.[bucket.key].amount ?? '0', tone: AGING_TONES[index]! }));
  return (
    <section className="panel" aria-label="Receivables by age">
      <ChartFigure
        title="Receivables by age, today"
        summary={
          aging ? (
            <>
              <Amount value={aging.total} /> due on {aging.invoiceCount === 1 ? '1 open invoice' : `${aging.invoiceCount} open invoices`}
            </>
          ) : null
        }
        table={{
          columns: ['Days past due', 'Amount due'],
          rows: buckets.map((bucket) => ({
            key: bucket.key,
            header: bucket.label,
            cells: [<Amount key="due" value={{ amount: bucket.amount, currencyCode: currency }} />],
          })),
          footer: aging ? { header: 'Total', cells: [<Amount key="due" value={aging.total} />] } : undefined,
        }}
        empty={aging ? null : <EmptyState title="Nothing is owed">No open invoice in {currency} has an amount due.</EmptyState>}
      >
        <HorizontalBarChart
          bars={buckets.map((bucket) => ({
            key: bucket.key,
            label: bucket.label,
            value: size(bucket.amount),
            display: money(bucket.amount, currency),
            tone: bucket.tone,
          }))}
        />
      </ChartFigure>
    </section>
  );
}

function ExpensesChart({ reports, currency }: { reports: Reports; currency: string }) {
  const rows = expensesOf(reports, currency);
  const total = sumAmounts(
    rows.map((row) => row.amount.amount),
    currency,
  );
  const expenseCount = rows.reduce((sum, row) => sum + row.expenseCount, 0);
  const share = (amount: string) => {
    const percent = percentOf(amount, total);
    return percent === null ? '—' : `${percent}%`;
  };
  return (
    <section className="panel" aria-label="Expenses by category">
      <ChartFigure
        title="Expenses by category"
        summary={
          rows.length ? (
            <>
              <Amount value={{ amount: total, currencyCode: currency }} /> in {expenseCount === 1 ? '1 expense' : `${expenseCount} expenses`}, approved or
              reimbursed
            </>
          ) : null
        }
        table={{
          columns: ['Category', 'Amount', 'Expenses', 'Share'],
          rows: rows.map((row) => ({
            key: row.category,
            header: enumLabel(row.category),
            cells: [<Amount key="amount" value={row.amount} />, row.expenseCount, share(row.amount.amount)],
          })),
          footer: rows.length
            ? { header: 'Total', cells: [<Amount key="amount" value={{ amount: total, currencyCode: currency }} />, expenseCount, ''] }
            : undefined,
        }}
        empty={rows.length ? null : <EmptyState title="No expenses in this period">No approved or reimbursed expense in {currency}.</EmptyState>}
      >
        <div className="chart-donut-layout">
          <DonutChart
            parts={rows.map((row) => ({
              key: row.category,
              label: enumLabel(row.category),
              value: size(row.amount.amount),
              display: formatMoney(row.amount),
              tone: CATEGORY_TONES[row.category],
            }))}
            center={money(total, currency)}
          />
          <Legend
            items={rows.map((row) => ({
              key: row.category,
              label: enumLabel(row.category),
              tone: CATEGORY_TONES[row.category],
              detail: `${formatMoney(row.amount)} · ${share(row.amount.amount)}`,
            }))}
          />
        </div>
      </ChartFigure>
    </section>
  );
}
