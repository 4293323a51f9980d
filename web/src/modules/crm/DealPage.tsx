import { useMutation, useQuery } from '@apollo/client/react';
import { formatDateTime } from '../../app/format';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, describeUserErrors, splitUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { CrmDealQuery } from '../../gql/graphql';
import { QuickViewLink } from '../../layout/QuickView';
import { WidgetSlot } from '../../layout/WidgetSlot';
import { Button, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { Money } from './money';
import { CrmDealMoveMutation, CrmDealQuery as DealQuery, CrmDealUpdateMutation } from './operations';
import { enumLabel, formatLocalDate, translateWithNodes } from './shared';
import './crm.css';

type Deal = NonNullable<CrmDealQuery['deal']>;
const EDIT_FIELDS = ['title', 'value', 'currencyCode', 'probability', 'expectedCloseDate', 'lostReason'];

/** A deal: its value, stage (movable), details (editable), interactions and other modules' panels. */
export function DealPage() {
  const t = useT();
  const { dealId = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(DealQuery, { variables: { id: dealId } });
  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const deal = data?.deal;
  if (!deal)
    return (
      <EmptyState title={t(m.dealNotFound)} action={<Link to="/crm/pipeline">{t(m.dealsBoard)}</Link>}>
        {t(m.notFoundText)}
      </EmptyState>
    );
  return (
    <div className="crm-page">
      <nav aria-label={t(m.breadcrumb)} className="crm-breadcrumb">
        <Link to={`/crm/pipeline${deal.pipeline ? `?pipeline=${encodeURIComponent(deal.pipeline.id)}` : ''}`}>{deal.pipeline?.name ?? t(m.deals)}</Link> /{' '}
        <span aria-current="page">{deal.title}</span>
      </nav>
      <PageHeader
        title={deal.title}
        subtitle={
          <>
            <Money value={deal.value} /> · <span className="badge">{enumLabel(t, deal.status)}</span>
            {deal.contact ? (
              <>
                {' '}
                {translateWithNodes(
                  t,
                  m.withContact,
                  {},
                  {
                    contact: <Link to={`/crm/contacts/${encodeURIComponent(deal.contact.id)}`}>{deal.contact.name}</Link>,
                  },
                )}
              </>
            ) : null}
          </>
        }
      />
      <div className="crm-profile">
        <div className="crm-profile-main">
          <StagePicker deal={deal} />
          <DealDetails deal={deal} />
        </div>
        <aside className="crm-profile-side">
          <section className="panel" aria-labelledby="crm-deal-interactions">
            <h2 id="crm-deal-interactions" className="panel-title">
              {t(m.interactions)}
            </h2>
            {deal.interactions?.nodes.length ? (
              <ul className="crm-list">
                {deal.interactions.nodes.map((interaction) => (
                  <li key={interaction.id}>
                    <strong>{enumLabel(t, interaction.type)}</strong> {interaction.subject ?? ''}
                    <span className="crm-list-meta">{formatDateTime(interaction.occurredAt)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">
                {translateWithNodes(
                  t,
                  m.logOnProfile,
                  {},
                  {
                    contact: deal.contact ? <QuickViewLink id={deal.contact.id}>{deal.contact.name}</QuickViewLink> : t(m.theContact),
                  },
                )}
              </p>
            )}
          </section>
          <WidgetSlot slot="deal.profile" objectId={deal.id} />
        </aside>
      </div>
    </div>
  );
}

function StagePicker({ deal }: { deal: Deal }) {
  const t = useT();
  const [move, { loading }] = useMutation(CrmDealMoveMutation, { refetchQueries: ['CrmDeal', 'CrmPipelineBoard'] });
  const [error, setError] = useState<string | null>(null);
  const stages = deal.pipeline?.stages ?? [];
  async function choose(stageId: string) {
    setError(null);
    try {
      const { data } = await move({ variables: { input: { id: deal.id, stageId } } });
      setError(describeUserErrors(data?.dealMove?.userErrors));
    } catch (caught) {
      setError(describeError(caught));
    }
  }
  return (
    <section className="panel" aria-labelledby="crm-deal-stage">
      <h2 id="crm-deal-stage" className="panel-title">
        {t(m.stage)}
      </h2>
      <ol className="crm-stage-steps">
        {stages.map((stage) => (
          <li key={stage.id}>
            <button
              type="button"
              className={`crm-stage-step ${stage.id === deal.stage?.id ? 'crm-stage-step-current' : ''}`}
              aria-current={stage.id === deal.stage?.id ? 'step' : undefined}
              disabled={loading || stage.id === deal.stage?.id}
              onClick={() => void choose(stage.id)}
            >
              {stage.name}
            </button>
          </li>
        ))}
      </ol>
      <p className="muted crm-small">
        {translateWithNodes(
          t,
          m.odds,
          { probability: deal.probability, overridden: deal.probabilityOverridden ? 'yes' : 'no' },
          { weighted: <Money value={deal.weightedValue} /> },
        )}
        {deal.actualCloseDate ? ` · ${t(m.closedOn, { date: formatLocalDate(deal.actualCloseDate) })}` : ''}
      </p>
      <Notice>{error}</Notice>
    </section>
  );
}

function DealDetails({ deal }: { deal: Deal }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [update, { loading }] = useMutation(CrmDealUpdateMutation, { refetchQueries: ['CrmDeal'] });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    const probability = text('probability');
    setError(null);
    setFieldErrors({});
    try {
      const { data } = await update({
        variables: {
          input: {
            id: deal.id,
            title: text('title') ?? '',
            value: text('value') ?? '0',
            currencyCode: text('currencyCode')?.toUpperCase(),
            probability: probability === null ? null : Number(probability),
            expectedCloseDate: text('expectedCloseDate'),
            ...(deal.status === 'LOST' ? { lostReason: text('lostReason') } : {}),
          },
        },
      });
      const payload = data?.dealUpdate;
      if (payload?.userErrors.length) {
        const split = splitUserErrors(payload.userErrors, EDIT_FIELDS);
        setFieldErrors(split.byField);
        setError(split.general);
        return;
      }
      setEditing(false);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  if (!editing)
    return (
      <section className="panel" aria-labelledby="crm-deal-details">
        <div className="crm-panel-head">
          <h2 id="crm-deal-details" className="panel-title">
            {t(m.details)}
          </h2>
          <Button variant="ghost" onClick={() => setEditing(true)}>
            {t(m.edit)}
          </Button>
        </div>
        <dl className="crm-details">
          <div>
            <dt>{t(m.value)}</dt>
            <dd>
              <Money value={deal.value} />
            </dd>
          </div>
          <div>
            <dt>{t(m.expectedClose)}</dt>
            <dd>{formatLocalDate(deal.expectedCloseDate) || '—'}</dd>
          </div>
          <div>
            <dt>{t(m.owner)}</dt>
            <dd>{deal.owner?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>{t(m.contact)}</dt>
            <dd>{deal.contact ? <Link to={`/crm/contacts/${encodeURIComponent(deal.contact.id)}`}>{deal.contact.name}</Link> : '—'}</dd>
          </div>
          {deal.lostReason ? (
            <div>
              <dt>{t(m.lostBecause)}</dt>
              <dd>{deal.lostReason}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t(m.created)}</dt>
            <dd>{formatDateTime(deal.createdAt)}</dd>
          </div>
        </dl>
      </section>
    );

  return (
    <section className="panel" aria-labelledby="crm-deal-edit">
      <h2 id="crm-deal-edit" className="panel-title">
        {t(m.editDeal)}
      </h2>
      <form className="form" onSubmit={save} noValidate>
        <TextField label={t(m.title)} name="title" defaultValue={deal.title} required error={fieldErrors.title} />
        <div className="crm-form-grid">
          <TextField label={t(m.value)} name="value" inputMode="decimal" defaultValue={deal.value.amount} error={fieldErrors.value} />
          <TextField label={t(m.currency)} name="currencyCode" maxLength={3} defaultValue={deal.value.currencyCode} error={fieldErrors.currencyCode} />
          <TextField
            label={t(m.probabilityPercent)}
            name="probability"
            type="number"
            min={0}
            max={100}
            defaultValue={deal.probabilityOverridden ? deal.probability : ''}
            hint={t(m.blankIsStages)}
            error={fieldErrors.probability}
          />
          <TextField
            label={t(m.expectedClose)}
            name="expectedCloseDate"
            type="date"
            defaultValue={deal.expectedCloseDate ?? ''}
            error={fieldErrors.expectedCloseDate}
          />
        </div>
        {deal.status === 'LOST' ? (
          <TextField label={t(m.lostBecause)} name="lostReason" defaultValue={deal.lostReason ?? ''} error={fieldErrors.lostReason} />
        ) : null}
        <Notice>{error}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.save)}
          </Button>
          <Button onClick={() => setEditing(false)}>{t(m.cancel)}</Button>
        </div>
      </form>
    </section>
  );
}
