import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { formatDateTime, idempotencyKey } from '../../app/format';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { describeError, describeUserErrors, splitUserErrors } from '../../app/errors';
import type { ContactSource, ContactStatus, ContactType, CrmContactQuery as CrmContactData, InteractionDirection, InteractionType } from '../../gql/graphql';
import { WidgetSlot } from '../../layout/WidgetSlot';
import { Button, SelectField, TextArea, TextField } from '../../ui/controls';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { CustomFieldInput, formatCustomValue, fromFormValue, sortedFields, toFormValue, type ContactFieldDefinition, type FormValue } from './customFields';
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
import { CONTACT_SOURCES, CONTACT_STATUSES, CONTACT_TYPES, enumLabel } from './shared';
import './crm.css';

type Contact = NonNullable<CrmContactData['contact']>;

const EVENT_LABELS: Record<string, string> = {
  'contact.created': 'Contact created',
  'contact.updated': 'Details changed',
  'contact.converted': 'Converted',
  'contact.merged': 'Merged',
  'contact.restored': 'Restored',
  'deal.created': 'Deal created',
  'deal.updated': 'Deal changed',
  'deal.moved': 'Deal moved',
  'deal.won': 'Deal won',
  'deal.lost': 'Deal lost',
  'interaction.logged': 'Interaction logged',
};

function eventLabel(event: string): string {
  return EVENT_LABELS[event] ?? enumLabel(event.replace(/[._]/g, ' ').toUpperCase());
}

/** A contact: its details (editable), tags, deals, interactions and timeline, live. */
export function ContactProfilePage() {
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
      <EmptyState title="Contact not found" action={<Link to="/crm/contacts">All contacts</Link>}>
        It was deleted, or you cannot see it.
      </EmptyState>
    );
  const fields = sortedFields(options?.contactFields);

  return (
    <div className="crm-page">
      <nav aria-label="Breadcrumb" className="crm-breadcrumb">
        <Link to="/crm/contacts">Contacts</Link> / <span aria-current="page">{contact.name}</span>
      </nav>
      <PageHeader
        title={contact.name}
        subtitle={
          <>
            <span className="badge">{enumLabel(contact.type)}</span> <span className="badge">{enumLabel(contact.status)}</span>
            {contact.jobTitle || contact.company ? ` ${[contact.jobTitle, contact.company].filter(Boolean).join(' at ')}` : ''}
          </>
        }
        actions={
          <Button variant="primary" onClick={() => setDealOpen(true)}>
            New deal
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
              Deals {contact.deals ? <span className="badge">{contact.deals.totalCount}</span> : null}
            </h2>
            {contact.deals?.nodes.length ? (
              <ul className="crm-list">
                {contact.deals.nodes.map((deal) => (
                  <li key={deal.id}>
                    <Link to={`/crm/deals/${encodeURIComponent(deal.id)}`}>{deal.title}</Link>
                    <span className="crm-list-meta">
                      <Money value={deal.value} /> · {deal.stage?.name ?? enumLabel(deal.status)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No deals yet.</p>
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
const DETAIL_LABELS: Record<(typeof DETAIL_FIELDS)[number], string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'E-mail',
  phone: 'Phone',
  company: 'Company',
  jobTitle: 'Job title',
};

function ContactDetails({ contact, fields, members }: { contact: Contact; fields: ContactFieldDefinition[]; members: { id: string; name: string }[] }) {
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
            Details
          </h2>
          <Button variant="ghost" onClick={startEditing}>
            Edit
          </Button>
        </div>
        <dl className="crm-details">
          {DETAIL_FIELDS.map((name) => (
            <div key={name}>
              <dt>{DETAIL_LABELS[name]}</dt>
              <dd>{name === 'email' && contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : (contact[name] ?? '—')}</dd>
            </div>
          ))}
          <div>
            <dt>Owner</dt>
            <dd>{contact.assignedTo?.name ?? '—'}</dd>
          </div>
          <div>
            <dt>Source</dt>
            <dd>{enumLabel(contact.source) || '—'}</dd>
          </div>
          {contact.stage ? (
            <div>
              <dt>Stage</dt>
              <dd>{contact.stage.name}</dd>
            </div>
          ) : null}
          <div>
            <dt>Last contacted</dt>
            <dd>{formatDateTime(contact.lastInteractionAt) || '—'}</dd>
          </div>
          {fields.map((field) => (
            <div key={field.id}>
              <dt>{field.label}</dt>
              <dd>{formatCustomValue(field, customValues[field.key])}</dd>
            </div>
          ))}
        </dl>
      </section>
    );

  return (
    <section className="panel" aria-labelledby="crm-contact-edit">
      <h2 id="crm-contact-edit" className="panel-title">
        Edit details
      </h2>
      <form className="form" onSubmit={save} noValidate>
        <SelectField label="Type" name="type" defaultValue={contact.type} error={fieldErrors.type}>
          {CONTACT_TYPES.map((type) => (
            <option key={type} value={type}>
              {enumLabel(type)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Status" name="status" defaultValue={contact.status} error={fieldErrors.status}>
          {CONTACT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {enumLabel(status)}
            </option>
          ))}
        </SelectField>
        {DETAIL_FIELDS.map((name) => (
          <TextField
            key={name}
            label={DETAIL_LABELS[name]}
            name={name}
            type={name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text'}
            defaultValue={contact[name] ?? ''}
            error={fieldErrors[name]}
          />
        ))}
        <SelectField label="Owner" name="assignedToId" defaultValue={contact.assignedTo?.id ?? ''} error={fieldErrors.assignedToId}>
          <option value="">Not assigned</option>
          {members.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Source" name="source" defaultValue={contact.source ?? ''} error={fieldErrors.source}>
          <option value="">—</option>
          {CONTACT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {enumLabel(source)}
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
            Save
          </Button>
          <Button onClick={() => setEditing(false)}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

function ContactTags({ contact, allTags, onChanged }: { contact: Contact; allTags: { id: string; name: string; color: string }[]; onChanged(): void }) {
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
        Tags
      </h2>
      {tags.length ? (
        <ul className="crm-tags">
          {tags.map((tag) => (
            <li key={tag.id} className="crm-tag" style={{ '--tag-color': tag.color } as React.CSSProperties}>
              {tag.name}
              <button
                type="button"
                className="crm-tag-remove"
                aria-label={`Remove tag ${tag.name}`}
                disabled={removing}
                onClick={() => void change('remove', tag.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No tags.</p>
      )}
      {available.length ? (
        <form
          className="crm-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) void change('apply', adding);
          }}
        >
          <SelectField label="Add a tag" value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">Choose…</option>
            {available.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </SelectField>
          <Button type="submit" busy={applying} disabled={!adding}>
            Add
          </Button>
        </form>
      ) : null}
      <Notice>{error}</Notice>
    </section>
  );
}

function LogInteraction({ contactId, deals, onLogged }: { contactId: string; deals: { id: string; title: string }[]; onLogged(): void }) {
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
      setLogged(`${enumLabel(type)} logged.`);
      onLogged();
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <section className="panel" aria-labelledby="crm-log-interaction">
      <h2 id="crm-log-interaction" className="panel-title">
        Log an interaction
      </h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className="crm-form-grid">
          <SelectField label="Kind" value={type} onChange={(event) => setType(event.target.value as InteractionType)}>
            {(['NOTE', 'CALL', 'EMAIL', 'MEETING', 'SMS'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'SMS' ? 'Text message' : kind === 'EMAIL' ? 'E-mail' : enumLabel(kind)}
              </option>
            ))}
          </SelectField>
          {type === 'NOTE' ? null : (
            <SelectField label="Direction" name="direction" defaultValue="OUTBOUND" error={fieldErrors.direction}>
              <option value="OUTBOUND">Outbound</option>
              <option value="INBOUND">Inbound</option>
            </SelectField>
          )}
          {type === 'CALL' || type === 'MEETING' ? (
            <TextField label="Minutes" name="minutes" type="number" min={0} error={fieldErrors.durationSeconds} />
          ) : null}
          {deals.length ? (
            <SelectField label="About deal" name="dealId" defaultValue="" error={fieldErrors.dealId}>
              <option value="">None</option>
              {deals.map((deal) => (
                <option key={deal.id} value={deal.id}>
                  {deal.title}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <TextField label="Subject" name="subject" error={fieldErrors.subject} />
        <TextArea label="Notes" name="body" error={fieldErrors.body} />
        <Notice>{error}</Notice>
        <Notice tone="success">{logged}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            Log {type === 'SMS' ? 'text message' : type === 'EMAIL' ? 'e-mail' : enumLabel(type).toLowerCase()}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Timeline({ contact }: { contact: Contact }) {
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
          Timeline
        </h2>
        <div role="group" aria-label="Show" className="crm-toggle">
          <Button variant={only === 'all' ? 'primary' : 'ghost'} aria-pressed={only === 'all'} onClick={() => setOnly('all')}>
            Everything
          </Button>
          <Button variant={only === 'interactions' ? 'primary' : 'ghost'} aria-pressed={only === 'interactions'} onClick={() => setOnly('interactions')}>
            Interactions ({contact.interactions?.totalCount ?? 0})
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
                    {enumLabel(item.type)}
                    {item.direction ? ` (${enumLabel(item.direction).toLowerCase()})` : ''}
                  </strong>
                  <time dateTime={item.occurredAt} className="muted">
                    {formatDateTime(item.occurredAt)}
                  </time>
                </div>
                {item.subject ? <div>{item.subject}</div> : null}
                {item.body ? <p className="crm-timeline-body">{item.body}</p> : null}
                {item.loggedBy ? <div className="muted crm-small">by {item.loggedBy.name}</div> : null}
              </li>
            ) : item.__typename === 'ContactActivity' ? (
              <li key={item.id} className="crm-timeline-item">
                <div className="crm-timeline-head">
                  <strong>{eventLabel(item.event)}</strong>
                  <time dateTime={item.occurredAt} className="muted">
                    {formatDateTime(item.occurredAt)}
                  </time>
                </div>
                {typeof item.data.title === 'string' ? <div>{item.data.title}</div> : null}
                {item.actor ? <div className="muted crm-small">by {item.actor.name}</div> : null}
              </li>
            ) : null,
          )}
        </ol>
      ) : (
        <p className="muted">Nothing has happened yet.</p>
      )}
      {total != null && total > items.length ? (
        <p className="muted crm-small">
          Showing the latest {items.length} of {total}.
        </p>
      ) : null}
    </section>
  );
}
