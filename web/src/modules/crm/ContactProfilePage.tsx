import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { formatDateTime, idempotencyKey } from '../../app/format';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, describeUserErrors, splitUserErrors } from '../../app/errors';
import { useT, type Message } from '../../app/i18n';
import type { ContactSource, ContactStatus, ContactType, CrmContactQuery as CrmContactData, InteractionDirection, InteractionType } from '../../gql/graphql';
import { WidgetSlot } from '../../layout/WidgetSlot';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { CustomFieldInput, formatCustomValue, fromFormValue, sortedFields, toFormValue, type ContactFieldDefinition, type FormValue } from './customFields';
import { m } from './messages';
import { Money } from './money';
import { NewDealDialog } from './NewDealDialog';
import {
  CrmContactChangedSubscription,
  CrmContactOptionsQuery,
  CrmContactQuery,
  CrmContactUpdateMutation,
  CrmInteractionLogMutation,
  CrmTagApplyMutation,
  CrmTagRemoveMutation,
} from './operations';
import { CONTACT_FIELD_LABELS, CONTACT_SOURCES, CONTACT_STATUSES, CONTACT_TYPES, enumLabel, humanize, jobAndCompany, type Translate } from './shared';
import './crm.css';

type Contact = NonNullable<CrmContactData['contact']>;

const EVENT_LABELS: Record<string, Message> = {
  'contact.created': m.eventContactCreated,
  'contact.updated': m.eventContactUpdated,
  'contact.converted': m.eventContactConverted,
  'contact.merged': m.eventContactMerged,
  'contact.restored': m.eventContactRestored,
  'deal.created': m.eventDealCreated,
  'deal.updated': m.eventDealUpdated,
  'deal.moved': m.eventDealMoved,
  'deal.won': m.eventDealWon,
  'deal.lost': m.eventDealLost,
  'interaction.logged': m.eventInteractionLogged,
};

function eventLabel(t: Translate, event: string): string {
  const message = EVENT_LABELS[event];
  return message ? t(message) : humanize(event.replace(/[._]/g, ' '));
}

/** A contact: its details (editable), tags, deals, interactions and timeline, live. */
export function ContactProfilePage() {
  const t = useT();
  const { contactId = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(CrmContactQuery, { variables: { id: contactId } });
  const { data: options } = useQuery(CrmContactOptionsQuery);
  const [dealOpen, setDealOpen] = useState(false);
  // Someone else changes it, its deals or interactions: the page follows (the timeline, deals
  // and interactions hang on the contact, so the whole page is read again).
  useSubscription(CrmContactChangedSubscription, {
    variables: { id: contactId },
    skip: !contactId,
    onData: () => void refetch(),
  });

  if (loading && !data) return <Loading />;
  if (error && !data) return <ErrorState error={error} retry={() => void refetch()} />;
  const contact = data?.contact;
  if (!contact)
    return (
      <EmptyState title={t(m.contactNotFound)} action={<Link to="/crm/contacts">{t(m.allContacts)}</Link>}>
        {t(m.notFoundText)}
      </EmptyState>
    );
  const fields = sortedFields(options?.contactFields);

  return (
    <div className="crm-page">
      <nav aria-label={t(m.breadcrumb)} className="crm-breadcrumb">
        <Link to="/crm/contacts">{t(m.contacts)}</Link> / <span aria-current="page">{contact.name}</span>
      </nav>
      <PageHeader
        title={contact.name}
        subtitle={
          <>
            <span className="badge">{enumLabel(t, contact.type)}</span> <span className="badge">{enumLabel(t, contact.status)}</span>
            {contact.jobTitle || contact.company ? ` ${jobAndCompany(t, contact.jobTitle, contact.company)}` : ''}
          </>
        }
        actions={
          <Button variant="primary" onClick={() => setDealOpen(true)}>
            {t(m.newDeal)}
          </Button>
        }
      />
      {error ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      <div className="crm-profile">
        <div className="crm-profile-main">
          <LogInteraction contactId={contact.id} deals={contact.deals?.nodes ?? []} onLogged={() => void refetch()} />
          <Timeline contact={contact} />
        </div>
        <aside className="crm-profile-side">
          <ContactDetails contact={contact} fields={fields} members={options?.organization?.members?.nodes.flatMap((m) => (m.user ? [m.user] : [])) ?? []} />
          <ContactTags contact={contact} allTags={options?.tags?.nodes ?? []} onChanged={() => void refetch()} />
          <section className="panel" aria-labelledby="crm-contact-deals">
            <h2 id="crm-contact-deals" className="panel-title">
              {t(m.deals)} {contact.deals ? <span className="badge">{contact.deals.totalCount}</span> : null}
            </h2>
            {contact.deals?.nodes.length ? (
              <ul className="crm-list">
                {contact.deals.nodes.map((deal) => (
                  <li key={deal.id}>
                    <Link to={`/crm/deals/${encodeURIComponent(deal.id)}`}>{deal.title}</Link>
                    <span className="crm-list-meta">
                      <Money value={deal.value} /> · {deal.stage?.name ?? enumLabel(t, deal.status)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t(m.noDealsYet)}</p>
            )}
          </section>
          <WidgetSlot slot="contact.profile" objectId={contact.id} />
        </aside>
      </div>
      <NewDealDialog open={dealOpen} onOpenChange={setDealOpen} contact={{ id: contact.id, name: contact.name }} />
    </div>
  );
}

const DETAIL_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle'] as const;
function ContactDetails({ contact, fields, members }: { contact: Contact; fields: ContactFieldDefinition[]; members: { id: string; name: string }[] }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [update, { loading }] = useMutation(CrmContactUpdateMutation);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [custom, setCustom] = useState<Record<string, FormValue>>({});
  const customValues = contact.customFields as Record<string, unknown>;

  const startEditing = () => {
    setCustom(Object.fromEntries(fields.map((field) => [field.key, toFormValue(field, customValues[field.key])])));
    setFieldErrors({});
    setError(null);
    setEditing(true);
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Blank clears (null); every field of the form is sent, so what is shown is what is saved.
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    const customFields = Object.fromEntries(fields.map((field) => [field.key, fromFormValue(field, custom[field.key] ?? toFormValue(field, null))]));
    setError(null);
    setFieldErrors({});
    try {
      const type = text('type') as ContactType | null;
      const { data } = await update({
        variables: {
          input: {
            id: contact.id,
            // A lead becomes something else only through conversion; the type is sent only when changed.
            ...(type && type !== contact.type ? { type } : {}),
            status: (text('status') as ContactStatus | null) ?? undefined,
            source: text('source') as ContactSource | null,
            assignedToId: text('assignedToId'),
            ...Object.fromEntries(DETAIL_FIELDS.map((name) => [name, text(name)])),
            ...(fields.length ? { customFields } : {}),
          },
        },
      });
      const payload = data?.contactUpdate;
      if (payload?.userErrors.length) {
        const split = splitUserErrors(payload.userErrors, [
          ...DETAIL_FIELDS,
          'type',
          'status',
          'source',
          'assignedToId',
          ...fields.map((field) => `customFields.${field.key}`),
        ]);
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
      <section className="panel" aria-labelledby="crm-contact-details">
        <div className="crm-panel-head">
          <h2 id="crm-contact-details" className="panel-title">
            {t(m.details)}
          </h2>
          <Button variant="ghost" onClick={startEditing}>
            {t(m.edit)}
          </Button>
        </div>
        <dl className="crm-details">
          {DETAIL_FIELDS.map((name) => (
            <div key={name}>
              <dt>{t(CONTACT_FIELD_LABELS[name])}</dt>
              <dd>{name === 'email' && contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : (contact[name] ?? '—')}</dd>
            </div>
          ))}
          <div>
            <dt>{t(m.owner)}</dt>
            <dd>{contact.assignedTo?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>{t(m.source)}</dt>
            <dd>{enumLabel(t, contact.source) || '—'}</dd>
          </div>
          {contact.stage ? (
            <div>
              <dt>{t(m.stage)}</dt>
              <dd>{contact.stage.name}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t(m.lastContacted)}</dt>
            <dd>{formatDateTime(contact.lastInteractionAt) || '—'}</dd>
          </div>
          {fields.map((field) => (
            <div key={field.id}>
              <dt>{field.label}</dt>
              <dd>{formatCustomValue(t, field, customValues[field.key])}</dd>
            </div>
          ))}
        </dl>
      </section>
    );

  return (
    <section className="panel" aria-labelledby="crm-contact-edit">
      <h2 id="crm-contact-edit" className="panel-title">
        {t(m.editDetails)}
      </h2>
      <form className="form" onSubmit={save} noValidate>
        <SelectField label={t(m.type)} name="type" defaultValue={contact.type} error={fieldErrors.type}>
          {CONTACT_TYPES.map((type) => (
            <option key={type} value={type}>
              {enumLabel(t, type)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t(m.status)} name="status" defaultValue={contact.status} error={fieldErrors.status}>
          {CONTACT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {enumLabel(t, status)}
            </option>
          ))}
        </SelectField>
        {DETAIL_FIELDS.map((name) => (
          <TextField
            key={name}
            label={t(CONTACT_FIELD_LABELS[name])}
            name={name}
            type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}
            defaultValue={contact[name] ?? ''}
            error={fieldErrors[name]}
          />
        ))}
        <SelectField label={t(m.owner)} name="assignedToId" defaultValue={contact.assignedTo?.id ?? ''} error={fieldErrors.assignedToId}>
          <option value="">{t(m.notAssigned)}</option>
          {members.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t(m.source)} name="source" defaultValue={contact.source ?? ''} error={fieldErrors.source}>
          <option value="">—</option>
          {CONTACT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {enumLabel(t, source)}
            </option>
          ))}
        </SelectField>
        {fields.map((field) => (
          <CustomFieldInput
            key={field.id}
            field={field}
            value={custom[field.key] ?? toFormValue(field, null)}
            onChange={(value) => setCustom((was) => ({ ...was, [field.key]: value }))}
            error={fieldErrors[`customFields.${field.key}`]}
          />
        ))}
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

function ContactTags({ contact, allTags, onChanged }: { contact: Contact; allTags: { id: string; name: string; color: string }[]; onChanged(): void }) {
  const t = useT();
  const [apply, { loading: applying }] = useMutation(CrmTagApplyMutation);
  const [remove, { loading: removing }] = useMutation(CrmTagRemoveMutation);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState('');
  const tags = contact.tags ?? [];
  const available = allTags.filter((tag) => !tags.some((had) => had.id === tag.id));

  async function change(kind: 'apply' | 'remove', tagId: string) {
    setError(null);
    try {
      const variables = { input: { tagId, nodeIds: [contact.id] } };
      const { data } = kind === 'apply' ? await apply({ variables }) : await remove({ variables });
      const failure = describeUserErrors(
        data && 'tagApply' in data ? data.tagApply?.userErrors : data && 'tagRemove' in data ? data.tagRemove?.userErrors : null,
      );
      if (failure) return setError(failure);
      setAdding('');
      onChanged();
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <section className="panel" aria-labelledby="crm-contact-tags">
      <h2 id="crm-contact-tags" className="panel-title">
        {t(m.tags)}
      </h2>
      {tags.length ? (
        <ul className="crm-tags">
          {tags.map((tag) => (
            <li key={tag.id} className="crm-tag" style={{ '--tag-color': tag.color } as React.CSSProperties}>
              {tag.name}
              <button
                type="button"
                className="crm-tag-remove"
                aria-label={t(m.removeTag, { name: tag.name })}
                disabled={removing}
                onClick={() => void change('remove', tag.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(m.noTags)}</p>
      )}
      {available.length ? (
        <form
          className="crm-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) void change('apply', adding);
          }}
        >
          <SelectField label={t(m.addTag)} value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">{t(m.choose)}</option>
            {available.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" busy={applying} disabled={!adding}>
            {t(m.add)}
          </Button>
        </form>
      ) : null}
      <Notice>{error}</Notice>
    </section>
  );
}

function LogInteraction({ contactId, deals, onLogged }: { contactId: string; deals: { id: string; title: string }[]; onLogged(): void }) {
  const t = useT();
  const [log, { loading }] = useMutation(CrmInteractionLogMutation);
  const [type, setType] = useState<InteractionType>('NOTE');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [logged, setLogged] = useState<string | null>(null);
  const [key, setKey] = useState(idempotencyKey);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setError(null);
    setFieldErrors({});
    setLogged(null);
    try {
      const minutes = text('minutes');
      const { data } = await log({
        variables: {
          input: {
            contactId,
            type,
            direction: type === 'NOTE' ? undefined : (text('direction') as InteractionDirection | undefined),
            subject: text('subject'),
            body: text('body'),
            dealId: text('dealId'),
            durationSeconds: minutes ? Math.round(Number(minutes) * 60) : undefined,
            idempotencyKey: key,
          },
        },
      });
      const payload = data?.interactionLog;
      if (payload?.userErrors.length) {
        const split = splitUserErrors(payload.userErrors, ['subject', 'body', 'direction', 'dealId', 'durationSeconds']);
        setFieldErrors(split.byField);
        setError(split.general);
        return;
      }
      formElement.reset();
      setKey(idempotencyKey());
      setLogged(t(m.logged, { kind: type }));
      onLogged();
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <section className="panel" aria-labelledby="crm-log-interaction">
      <h2 id="crm-log-interaction" className="panel-title">
        {t(m.logInteraction)}
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="crm-form-grid">
          <SelectField label={t(m.kind)} value={type} onChange={(event) => setType(event.target.value as InteractionType)}>
            {(['NOTE', 'CALL', 'EMAIL', 'MEETING', 'SMS'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(m.kindOption, { kind })}
              </option>
            ))}
          </SelectField>
          {type === 'NOTE' ? null : (
            <SelectField label={t(m.direction)} name="direction" defaultValue="OUTBOUND" error={fieldErrors.direction}>
              <option value="OUTBOUND">{t(m.directionOutbound)}</option>
              <option value="INBOUND">{t(m.directionInbound)}</option>
            </SelectField>
          )}
          {type === 'CALL' || type === 'MEETING' ? (
            <TextField label={t(m.minutes)} name="minutes" type="number" min={0} error={fieldErrors.durationSeconds} />
          ) : null}
          {deals.length ? (
            <SelectField label={t(m.aboutDeal)} name="dealId" defaultValue="" error={fieldErrors.dealId}>
              <option value="">{t(m.none)}</option>
              {deals.map((deal) => (
                <option key={deal.id} value={deal.id}>
                  {deal.title}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <TextField label={t(m.subject)} name="subject" error={fieldErrors.subject} />
        <TextArea label={t(m.notes)} name="body" error={fieldErrors.body} />
        <Notice>{error}</Notice>
        <Notice tone="success">{logged}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.logKind, { kind: type })}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Timeline({ contact }: { contact: Contact }) {
  const t = useT();
  const [only, setOnly] = useState<'all' | 'interactions'>('all');
  const items =
    only === 'all'
      ? (contact.timeline?.nodes ?? [])
      : (contact.interactions?.nodes ?? []).map((interaction) => ({ ...interaction, __typename: 'Interaction' as const }));
  const total = only === 'all' ? contact.timeline?.totalCount : contact.interactions?.totalCount;
  return (
    <section className="panel" aria-labelledby="crm-timeline">
      <div className="crm-panel-head">
        <h2 id="crm-timeline" className="panel-title">
          {t(m.timeline)}
        </h2>
        <div role="group" aria-label={t(m.show)} className="crm-toggle">
          <Button variant={only === 'all' ? 'primary' : 'ghost'} aria-pressed={only === 'all'} onClick={() => setOnly('all')}>
            {t(m.everything)}
          </Button>
          <Button variant={only === 'interactions' ? 'primary' : 'ghost'} aria-pressed={only === 'interactions'} onClick={() => setOnly('interactions')}>
            {t(m.interactionsCount, { count: contact.interactions?.totalCount ?? 0 })}
          </Button>
        </div>
      </div>
      {items.length ? (
        <ol className="crm-timeline">
          {items.map((item) =>
            item.__typename === 'Interaction' ? (
              <li key={item.id} className="crm-timeline-item crm-timeline-interaction">
                <div className="crm-timeline-head">
                  <strong>
                    {item.direction ? t(m.interactionDirection, { type: enumLabel(t, item.type), direction: item.direction }) : enumLabel(t, item.type)}
                  </strong>
                  <time dateTime={item.occurredAt} className="muted">
                    {formatDateTime(item.occurredAt)}
                  </time>
                </div>
                {item.subject ? <div>{item.subject}</div> : null}
                {item.body ? <p className="crm-timeline-body">{item.body}</p> : null}
                {item.loggedBy ? <div className="muted crm-small">{t(m.by, { name: item.loggedBy.name })}</div> : null}
              </li>
            ) : item.__typename === 'ContactActivity' ? (
              <li key={item.id} className="crm-timeline-item">
                <div className="crm-timeline-head">
                  <strong>{eventLabel(t, item.event)}</strong>
                  <time dateTime={item.occurredAt} className="muted">
                    {formatDateTime(item.occurredAt)}
                  </time>
                </div>
                {typeof item.data.title === 'string' ? <div>{item.data.title}</div> : null}
                {item.actor ? <div className="muted crm-small">{t(m.by, { name: item.actor.name })}</div> : null}
              </li>
            ) : null,
          )}
        </ol>
      ) : (
        <p className="muted">{t(m.nothingYet)}</p>
      )}
      {total != null && total > items.length ? <p className="muted crm-small">{t(m.showingLatest, { shown: items.length, total })}</p> : null}
    </section>
  );
}
