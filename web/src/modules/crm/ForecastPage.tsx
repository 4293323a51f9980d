import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useTranslator } from '../../app/i18n';
import { SelectField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { m } from './messages';
import { Money } from './money';
import { CrmDealForecastQuery, CrmPipelinesQuery } from './operations';
import { formatLocalDate } from './shared';
import './crm.css';

/** The weighted pipeline of open deals, per currency (never converted), in the reader's time zone (it decides which days are "this month"). */
export function ForecastPage() {
  const translator = useTranslator();
  const t = translator.t.bind(translator);
  const [params, setParams] = useSearchParams();
  const pipelineId = params.get('pipeline') || null;
  const { data: pipelines } = useQuery(CrmPipelinesQuery);
  const { data, loading, error, refetch } = useQuery(CrmDealForecastQuery, { variables: { timezone: translator.timeZone, pipelineId } });
  const forecast = data?.dealForecast;

  return (
    <div className="crm-page">
      <PageHeader
        title={t(m.forecast)}
        subtitle={
          forecast ? (
            <>
              {t(m.forecastSubtitle, { date: formatLocalDate(forecast.month), timeZone: forecast.timezone })} <Link to="/crm/pipeline">{t(m.dealsBoard)}</Link>
            </>
          ) : null
        }
        actions={
          <SelectField
            label={t(m.pipeline)}
            className="crm-inline-field"
            value={pipelineId ?? ''}
            onChange={(event) => setParams(event.target.value ? { pipeline: event.target.value } : {})}
          >
            <option value="">{t(m.allPipelines)}</option>
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
        <EmptyState title={t(m.noOpenDeals)}>{t(m.forecastFills)}</EmptyState>
      ) : (
        <div className="crm-forecast">
          {forecast.currencies.map((currency) => (
            <section key={currency.currencyCode} className="panel" aria-labelledby={`crm-forecast-${currency.currencyCode}`}>
              <h2 id={`crm-forecast-${currency.currencyCode}`} className="panel-title">
                {currency.currencyCode} <span className="muted">· {t(m.openDealCount, { count: currency.openDeals })}</span>
              </h2>
              <dl className="crm-figures">
                <div>
                  <dt>{t(m.pipeline)}</dt>
                  <dd>
                    <Money value={currency.totalValue} />
                  </dd>
                </div>
                <div>
                  <dt>{t(m.weighted)}</dt>
                  <dd>
                    <Money value={currency.weightedValue} />
                  </dd>
                </div>
                <div>
                  <dt>{t(m.expectedThisMonth)}</dt>
                  <dd>
                    <Money value={currency.expectedThisMonth} />
                  </dd>
                </div>
                <div>
                  <dt>{t(m.weightedThisMonth)}</dt>
                  <dd>
                    <Money value={currency.weightedThisMonth} />
                  </dd>
                </div>
                <div>
                  <dt>{t(m.wonThisMonth)}</dt>
                  <dd>
                    <Money value={currency.wonThisMonth} /> <span className="muted">({currency.wonDealsThisMonth})</span>
                  </dd>
                </div>
              </dl>
              {currency.byStage.length ? (
                <div className="table-scroll">
                  <table aria-label={t(m.openDealsByStage, { currency: currency.currencyCode })}>
                    <thead>
                      <tr>
                        <th scope="col">{t(m.stage)}</th>
                        <th scope="col">{t(m.deals)}</th>
                        <th scope="col">{t(m.value)}</th>
                        <th scope="col">{t(m.weighted)}</th>
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
