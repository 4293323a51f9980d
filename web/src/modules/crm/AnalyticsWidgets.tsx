import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useTranslator } from '../../app/i18n';
import { BarChart } from '../../ui/charts/BarChart';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { ErrorState, Loading } from '../../ui/states';
import { calendarDay, startOfDay } from './calendar';
import { m } from './messages';
import { formatMoney } from './money';
import { CrmDealsForecastQuery, CrmNewContactsQuery } from './operations';

/** On the home page: the open pipeline per currency — its deals, their value, and the value weighted by probability. */
export function DealsForecastWidget() {
  const translator = useTranslator();
  const t = translator.t.bind(translator);
  const { data, loading, error, refetch } = useQuery(CrmDealsForecastQuery, { fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const amounts = data?.dealAnalytics?.amount ?? [];
  const weighted = new Map((data?.dealAnalytics?.weighted ?? []).map((group) => [group.key, group.sum]));
  if (amounts.length === 0) return <p className="muted">{t(m.noOpenDealsSentence)}</p>;
  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t(m.currency)}</th>
            <th scope="col">{t(m.openDeals)}</th>
            <th scope="col">{t(m.pipeline)}</th>
            <th scope="col">{t(m.weighted)}</th>
          </tr>
        </thead>
        <tbody>
          {amounts.map((group) => {
            const currencyCode = group.key ?? '';
            return (
              <tr key={currencyCode}>
                <th scope="row">{currencyCode}</th>
                <td>{group.count}</td>
                <td>{formatMoney({ amount: group.sum ?? '0', currencyCode }, translator.locale)}</td>
                <td>{formatMoney({ amount: weighted.get(group.key) ?? '0', currencyCode }, translator.locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Link to="/crm/forecast">{t(m.forecastByStage)}</Link>
    </>
  );
}

const WEEKS = 8;

/** The last eight weeks (Monday to Monday in the reader's time zone, this week last). */
function lastWeeks(timeZone: string, now = new Date()) {
  const today = calendarDay(now, timeZone);
  const monday = today.day - ((today.weekday + 6) % 7);
  const from = startOfDay(today.year, today.month, monday - 7 * (WEEKS - 1), timeZone);
  const to = startOfDay(today.year, today.month, monday + 7, timeZone);
  return { from: from.toISOString(), to: to.toISOString(), timeZone };
}

/** On the home page: new contacts per week over the last eight weeks (contactAnalytics). */
export function NewContactsWidget() {
  const translator = useTranslator();
  const variables = useMemo(() => lastWeeks(translator.timeZone), [translator.timeZone]);
  const { data, loading, error, refetch } = useQuery(CrmNewContactsQuery, { variables, fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const weeks = data?.contactAnalytics?.timeSeries ?? [];
  const total = weeks.reduce((sum, week) => sum + week.count, 0);
  const dayFormat = new Intl.DateTimeFormat(translator.locale, { month: 'short', day: 'numeric', timeZone: translator.timeZone });
  const label = (start: string) => dayFormat.format(new Date(start));
  return (
    <ChartFigure
      title={translator.t(m.newContactsInWeeks, { total, weeks: WEEKS })}
      empty={total === 0 ? <p className="muted">{translator.t(m.noNewContacts, { weeks: WEEKS })}</p> : undefined}
      table={{
        columns: [translator.t(m.weekOf), translator.t(m.newContacts)],
        rows: weeks.map((week) => ({ key: week.start, header: label(week.start), cells: [week.count] })),
      }}
    >
      <BarChart
        series={[{ key: 'contacts', label: translator.t(m.newContacts), tone: 1 }]}
        groups={weeks.map((week) => ({
          key: week.start,
          label: label(week.start),
          title: translator.t(m.weekOfDate, { date: translator.date(week.start, 'date') }),
          values: [{ value: week.count, display: String(week.count) }],
        }))}
        formatTick={(tick) => String(tick)}
      />
    </ChartFigure>
  );
}
