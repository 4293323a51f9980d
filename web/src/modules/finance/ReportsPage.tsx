import { useQuery } from '@apollo/client/react';
import type { Translator } from '@cellgraph/kernel/i18n';
import { useSearchParams } from 'react-router';
import { useT, useTranslator } from '../../app/i18n';
import { Button, SelectField, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { BarChart } from '../../ui/charts/BarChart';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { DonutChart } from '../../ui/charts/DonutChart';
import { HorizontalBarChart } from '../../ui/charts/HorizontalBarChart';
import { Legend } from '../../ui/charts/Legend';
import { FinanceTabs } from './FinanceTabs';
import { m } from './messages';
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
import { Amount, categoryLabel, moneyText, richText, today } from './shared';
import './finance.css';

/** Bars are drawn from numbers; every figure shown is the API's exact amount. */
const size = (amount: string) => Number(amount);
const money = (amount: string, currencyCode: string, reader: Translator) => moneyText({ amount, currencyCode }, reader);
const AGING_TONES = [2, 3, 4, 5, 8];

/**
 * /finance/reports — revenue by month, receivables by age, expenses by category and profit and
 * loss of a period (`?from=&to=`, this year by default) in one currency (`?currency=`, the first
 * the answers mention by default); amounts in different currencies are never added.
 */
export function ReportsPage() {
  const reader = useTranslator();
  const t = useT();
  const [params, setParams] = useSearchParams();
  const day = today(reader);
  const fallback = presetPeriod('this-year', day);
  const period: Period = { from: params.get('from') ?? fallback.from, to: params.get('to') ?? fallback.to };
  const problem = periodProblem(period, reader);
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
      <PageHeader title={t(m.reports)} subtitle={t(m.reportsSubtitle)} />
      <FinanceTabs />
      <form className="fin-filters" role="search" aria-label={t(m.reportPeriod)} onSubmit={(event) => event.preventDefault()}>
        <TextField label={t(m.from)} type="date" value={period.from} onChange={(event) => update({ from: event.target.value })} />
        <TextField label={t(m.to)} type="date" value={period.to} onChange={(event) => update({ to: event.target.value })} />
        <div className="fin-presets" role="group" aria-label={t(m.periodPresets)}>
          {PERIOD_PRESETS.map(({ preset, label }) => (
            <Button key={preset} variant="ghost" aria-pressed={isPresetPeriod(period, preset, day)} onClick={() => update({ ...presetPeriod(preset, day) })}>
              {t(label)}
            </Button>
          ))}
        </div>
        {currencies.length ? (
          <SelectField label={t(m.currency)} value={currency} onChange={(event) => update({ currency: event.target.value })}>
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
        <Loading label={t(m.loadingReports)} />
      ) : error && !reports ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !reports || !currency || isEmptyReport(reports) ? (
        <EmptyState title={t(m.noInvoicesInPeriod)}>{t(m.noReportHint)}</EmptyState>
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
  const reader = useTranslator();
  const t = useT();
  const figures = profitAndLossOf(reports, currency);
  const sign = signOf(figures.net);
  const outcome = t(sign > 0 ? m.profit : sign < 0 ? m.loss : m.breakEven);
  return (
    <section className="panel fin-pnl" aria-label={t(m.profitAndLoss)}>
      <h2 className="panel-title">{t(m.profitAndLoss)}</h2>
      <dl className="fin-pnl-figures">
        <div>
          <dt>{t(m.revenueCollected)}</dt>
          <dd>
            <Amount value={{ amount: figures.revenue, currencyCode: currency }} />
          </dd>
        </div>
        <div>
          <dt>{t(m.expenses)}</dt>
          <dd>
            <Amount value={{ amount: figures.expenses, currencyCode: currency }} />
          </dd>
        </div>
        <div className={`fin-pnl-net ${sign > 0 ? 'fin-profit' : sign < 0 ? 'fin-loss' : ''}`} data-sign={sign}>
          <dt>{outcome}</dt>
          <dd>
            <span className="fin-amount">{`${sign > 0 ? '+' : ''}${money(figures.net, currency, reader)}`}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

function RevenueChart({ reports, currency, period }: { reports: Reports; currency: string; period: Period }) {
  const reader = useTranslator();
  const t = useT();
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
    <section className="panel" aria-label={t(m.revenueByMonth)}>
      <ChartFigure
        title={t(m.revenueByMonth)}
        summary={
          <>
            {richText(
              reader,
              m.revenueSummary,
              {},
              {
                invoiced: <Amount value={{ amount: invoiced, currencyCode: currency }} />,
                collected: <Amount value={{ amount: collected, currencyCode: currency }} />,
              },
            )}
          </>
        }
        table={{
          columns: [t(m.month), t(m.invoiced), t(m.collected), t(m.invoices)],
          rows: rows.map((row) => ({
            key: row.month,
            header: monthLabels(row.month, true, reader.locale).long,
            cells: [
              <Amount key="invoiced" value={{ amount: row.invoiced, currencyCode: currency }} />,
              <Amount key="collected" value={{ amount: row.collected, currencyCode: currency }} />,
              reader.number(row.invoiceCount),
            ],
          })),
          footer: {
            header: t(m.total),
            cells: [
              <Amount key="invoiced" value={{ amount: invoiced, currencyCode: currency }} />,
              <Amount key="collected" value={{ amount: collected, currencyCode: currency }} />,
              reader.number(invoiceCount),
            ],
          },
        }}
        empty={hasRevenue(reports, currency) ? null : <EmptyState title={t(m.noInvoicesInPeriod)}>{t(m.nothingInvoiced, { currency })}</EmptyState>}
      >
        <BarChart
          series={[
            { key: 'invoiced', label: t(m.invoiced), tone: 1 },
            { key: 'collected', label: t(m.collected), tone: 2 },
          ]}
          groups={rows.map((row) => {
            const labels = monthLabels(row.month, withYear, reader.locale);
            return {
              key: row.month,
              label: labels.short,
              title: labels.long,
              values: [
                { value: size(row.invoiced), display: money(row.invoiced, currency, reader) },
                { value: size(row.collected), display: money(row.collected, currency, reader) },
              ],
            };
          })}
          formatTick={(tick) => formatAxisMoney(tick, currency, reader.locale)}
        />
      </ChartFigure>
    </section>
  );
}

function AgingChart({ reports, currency }: { reports: Reports; currency: string }) {
  const reader = useTranslator();
  const t = useT();
  const aging = agingOf(reports, currency);
  const buckets = AGING_BUCKETS.map((bucket, index) => ({ ...bucket, amount: aging?.[bucket.key].amount ?? '0', tone: AGING_TONES[index]! }));
  return (
    <section className="panel" aria-label={t(m.receivablesByAge)}>
      <ChartFigure
        title={t(m.receivablesByAgeToday)}
        summary={aging ? <>{richText(reader, m.agingSummary, { count: aging.invoiceCount }, { amount: <Amount value={aging.total} /> })}</> : null}
        table={{
          columns: [t(m.daysPastDue), t(m.amountDue)],
          rows: buckets.map((bucket) => ({
            key: bucket.key,
            header: t(bucket.label),
            cells: [<Amount key="due" value={{ amount: bucket.amount, currencyCode: currency }} />],
          })),
          footer: aging ? { header: t(m.total), cells: [<Amount key="due" value={aging.total} />] } : undefined,
        }}
        empty={aging ? null : <EmptyState title={t(m.nothingOwed)}>{t(m.nothingOwedHint, { currency })}</EmptyState>}
      >
        <HorizontalBarChart
          bars={buckets.map((bucket) => ({
            key: bucket.key,
            label: t(bucket.label),
            value: size(bucket.amount),
            display: money(bucket.amount, currency, reader),
            tone: bucket.tone,
          }))}
        />
      </ChartFigure>
    </section>
  );
}

function ExpensesChart({ reports, currency }: { reports: Reports; currency: string }) {
  const reader = useTranslator();
  const t = useT();
  const rows = expensesOf(reports, currency);
  const total = sumAmounts(
    rows.map((row) => row.amount.amount),
    currency,
  );
  const expenseCount = rows.reduce((sum, row) => sum + row.expenseCount, 0);
  const share = (amount: string) => {
    const percent = percentOf(amount, total);
    return percent === null ? '—' : t(m.share, { percent });
  };
  return (
    <section className="panel" aria-label={t(m.expensesByCategory)}>
      <ChartFigure
        title={t(m.expensesByCategory)}
        summary={
          rows.length ? (
            <>{richText(reader, m.expensesSummary, { count: expenseCount }, { amount: <Amount value={{ amount: total, currencyCode: currency }} /> })}</>
          ) : null
        }
        table={{
          columns: [t(m.category), t(m.amount), t(m.expenses), t(m.shareColumn)],
          rows: rows.map((row) => ({
            key: row.category,
            header: categoryLabel(row.category, reader),
            cells: [<Amount key="amount" value={row.amount} />, reader.number(row.expenseCount), share(row.amount.amount)],
          })),
          footer: rows.length
            ? { header: t(m.total), cells: [<Amount key="amount" value={{ amount: total, currencyCode: currency }} />, reader.number(expenseCount), ''] }
            : undefined,
        }}
        empty={rows.length ? null : <EmptyState title={t(m.noExpensesInPeriod)}>{t(m.noExpensesInPeriodHint, { currency })}</EmptyState>}
      >
        <div className="chart-donut-layout">
          <DonutChart
            parts={rows.map((row) => ({
              key: row.category,
              label: categoryLabel(row.category, reader),
              value: size(row.amount.amount),
              display: moneyText(row.amount, reader),
              tone: CATEGORY_TONES[row.category],
            }))}
            center={money(total, currency, reader)}
          />
          <Legend
            items={rows.map((row) => ({
              key: row.category,
              label: categoryLabel(row.category, reader),
              tone: CATEGORY_TONES[row.category],
              detail: `${moneyText(row.amount, reader)} · ${share(row.amount.amount)}`,
            }))}
          />
        </div>
      </ChartFigure>
    </section>
  );
}
