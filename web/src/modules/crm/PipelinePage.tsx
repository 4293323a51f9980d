import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../app/i18n';
import { Button, SelectField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { ImportLink } from '../imports/ImportLink';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { NewDealDialog } from './NewDealDialog';
import { m } from './messages';
import { CrmPipelinesQuery } from './operations';
import { PipelineBoard } from './PipelineBoard';
import './crm.css';

/** The deals board of one deal pipeline (chosen here, kept in the address: `?pipeline=`). */
export function PipelinePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(CrmPipelinesQuery);
  const pipelines = data?.pipelines?.nodes ?? [];
  const chosen = pipelines.find((pipeline) => pipeline.id === params.get('pipeline')) ?? pipelines[0];
  const creating = params.get('new') !== null;

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: name === 'new' });
  };

  return (
    <div className="crm-page">
      <PageHeader
        title={t(m.deals)}
        subtitle={
          <>
            {t(m.pipelineHint)} <Link to="/crm/forecast">{t(m.seeForecast)}</Link>
          </>
        }
        actions={
          <>
            {pipelines.length > 1 ? (
              <SelectField
                label={t(m.pipeline)}
                className="crm-inline-field"
                value={chosen?.id ?? ''}
                onChange={(event) => setParam('pipeline', event.target.value)}
              >
                {pipelines.map((pipeline) => (
                  <option key={pipeline.id} value={pipeline.id}>
                    {pipeline.name}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <ImportLink type="Deal" />
            <Button variant="primary" onClick={() => setParam('new', '1')} disabled={!pipelines.length}>
              {t(m.newDeal)}
            </Button>
          </>
        }
      />
      {loading && !data ? (
        <Loading />
      ) : error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !chosen ? (
        <EmptyState title={t(m.noPipeline)}>{t(m.noPipelineText)}</EmptyState>
      ) : (
        <PipelineBoard pipelineId={chosen.id} />
      )}
      <NewDealDialog open={creating && Boolean(chosen)} onOpenChange={(open) => setParam('new', open ? '1' : null)} pipelineId={chosen?.id} />
    </div>
  );
}
