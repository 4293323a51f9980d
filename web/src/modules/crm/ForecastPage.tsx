import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { Money } from './money';
import { CrmDealForecastQuery, CrmPipelinesQuery } from './operations';
import { formatLocalDate } from './shared';
import './crm.css';

/** The reader's IANA time zone: it decides which days are "this month". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The weighted pipeline of open deals, per currency (never converted), in the browser's time zone. */
export function ForecastPage() {
  const [params, setParams] = useSearchParams();
  const pipelineId = params.get('pipeline') || null;
  const { data: pipelines } = useQuery(CrmPipelinesQuery);
  const { data, loading, error, refetch } = useQuery(CrmDealForecastQuery, { variables: { timezone: browserTimeZone(), pipelineId } });
  const forecast = data?.dealForecast;

  return (
    <div className="crm-page">
      <PageHeader
        title="Forecast"
        subtitle={
          forecast ? (
            <>
              Open deals, weighted by their probability. This month starts {formatLocalDate(forecast.month)} ({forecast.timezone}).{' '}
              <Link to="/crm/pipeline">The deals board</Link>
            </>
          ) : null
        }
        actions={
          <SelectField
            label="Pipeline"
            className="crm-inline-field"
            value={pipelineId ?? ''}
            onChange={(event) => setParams(event.target.value ? { pipeline: event.target.value } : {})}
          >
            <option value="">All pipelines</option>
            {pipelines?.pipelines?.nodes.map((pipeline) => (
              <option key={pipeline.id} value={pipeline.id}>
                {pipeline.name}
              </option>
            ))}
          </SelectField>
        }
      />
      {loading && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !forecast?.currencies.length ? (
        <EmptyState title="No open deals">The forecast fills as deals are created.</EmptyState>
      ) : (
        <div className="crm-forecast">
          {forecast.currencies.map((currency) => (
            <section key={currency.currencyCode} className="panel" aria-labelledby={`crm-forecast-${currency.currencyCode}`}>
              <h2 id={`crm-forecast-${currency.currencyCode}`} className="panel-title">
                {currency.currencyCode} <span className="muted">· {currency.openDeals === 1 ? '1 open deal' : `${currency.openDeals} open deals`}</span>
              </h2>
              <dl className="crm-figures">
                <div>
                  <dt>Pipeline</dt>
                  <dd>
                    <Money value={currency.totalValue} />
                  </dd>
                </div>
                <div>
                  <dt>Weighted</dt>
                  <dd>
                    <Money value={currency.weightedValue} />
                  </dd>
                </div>
                <div>
                  <dt>Expected this month</dt>
                  <dd>
                    <Money value={currency.expectedThisMonth} />
                  </dd>
                </div>
                <div>
                  <dt>Weighted this month</dt>
                  <dd>
                    <Money value={currency.weightedThisMonth} />
                  </dd>
                </div>
                <div>
                  <dt>Won this month</dt>
                  <dd>
                    <Money value={currency.wonThisMonth} /> <span className="muted">({currency.wonDealsThisMonth})</span>
                  </dd>
                </div>
              </dl>
              {currency.byStage.length ? (
                <div className="table-scroll">
                  <table aria-label={`${currency.currencyCode} open deals by stage`}>
                    <thead>
                      <tr>
                        <th scope="col">Stage</th>
                        <th scope="col">Deals</th>
                        <th scope="col">Value</th>
                        <th scope="col">Weighted</th>
                      </tr>
                    </thead>
                    <tbody>
                      {currency.byStage.map((row, index) => (
                        <tr key={row.stage?.id ?? index}>
                          <th scope="row">{row.stage?.name ?? '—'}</th>
                          <td>{row.deals}</td>
                          <td>
                            <Money value={row.value} />
                          </td>
                          <td>
                            <Money value={row.weightedValue} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : null}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
