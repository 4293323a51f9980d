import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { BarChart } from '../../ui/charts/BarChart';
import { ChartFigure } from '../../ui/charts/ChartFigure';
import { ErrorState, Loading } from '../../ui/states';
import { formatMoney } from './money';
import { CrmDealsForecastQuery, CrmNewContactsQuery } from './operations';

/** On the home page: the open pipeline per currency — its deals, their value, and the value weighted by probability. */
export function DealsForecastWidget() {
  const { data, loading, error, refetch } = useQuery(CrmDealsForecastQuery, { fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const amounts = data?.dealAnalytics?.amount ?? [];
  const weighted = new Map((data?.dealAnalytics?.weighted ?? []).map((group) => [group.key, group.sum]));
  if (amounts.length === 0) return <p className="muted">No open deals.</p>;
  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col">Open deals</th>
            <th scope="col">Pipeline</th>
            <th scope="col">Weighted</th>
          </tr>
        </thead>
        <tbody>
          {amounts.map((group) => {
            const currencyCode = group.key ?? '';
            return (
              <tr key={currencyCode}>
                <th scope="row">{currencyCode}</th>
                <td>{group.count}</td>
                <td>{formatMoney({ amount: group.sum ?? '0', currencyCode })}</td>
                <td>{formatMoney({ amount: weighted.get(group.key) ?? '0', currencyCode })}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Link to="/crm/forecast">The forecast by stage</Link>
    </>
  );
}

const WEEKS = 8;

/** The last eight weeks (Monday to Monday in the browser's time zone, this week last). */
function lastWeeks(now = new Date()) {
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
  const from = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() - 7 * (WEEKS - 1));
  const to = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
  return { from: from.toISOString(), to: to.toISOString(), timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

/** On the home page: new contacts per week over the last eight weeks (contactAnalytics). */
export function NewContactsWidget() {
  const variables = useMemo(() => lastWeeks(), []);
  const { data, loading, error, refetch } = useQuery(CrmNewContactsQuery, { variables, fetchPolicy: 'cache-and-network' });
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  if (loading && !data) return <Loading />;
  const weeks = data?.contactAnalytics?.timeSeries ?? [];
  const total = weeks.reduce((sum, week) => sum + week.count, 0);
  const label = (start: string) => new Date(start).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return (
    <ChartFigure
      title={`${total} new ${total === 1 ? 'contact' : 'contacts'} in ${WEEKS} weeks`}
      empty={total === 0 ? <p className="muted">No new contacts in the last {WEEKS} weeks.</p> : undefined}
      table={{ columns: ['Week of', 'New contacts'], rows: weeks.map((week) => ({ key: week.start, header: label(week.start), cells: [week.count] })) }}
    >
      <BarChart
        series={[{ key: 'contacts', label: 'New contacts', tone: 1 }]}
        groups={weeks.map((week) => ({
          key: week.start,
          label: label(week.start),
          title: `Week of ${new Date(week.start).toLocaleDateString(undefined, { dateStyle: 'medium' })}`,
          values: [{ value: week.count, display: String(week.count) }],
        }))}
        formatTick={(tick) => String(tick)}
      />
    </ChartFigure>
  );
}
