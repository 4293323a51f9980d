import { useQuery } from '@apollo/client/react';
import { formatDate } from '../../app/format';
import { useTranslator } from '../../app/i18n';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { ContactFilter, ContactOrder, ContactStatus, ContactType, CrmContactRowFragment, CrmContactsQueryVariables } from '../../gql/graphql';
import { QuickViewLink } from '../../layout/QuickView';
import { Button, SelectField, TextField } from '../../ui/controls';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { ImportLink } from '../imports/ImportLink';
import { EmptyState, ErrorState } from '../../ui/states';
import { CustomFieldInput, fromFormValue, sortedFields, toFormValue, type ContactFieldDefinition, type FormValue } from './customFields';
import { m } from './messages';
import { NewContactDialog } from './NewContactDialog';
import { CrmContactOptionsQuery, CrmContactsQuery } from './operations';
import { CONTACT_STATUSES, CONTACT_TYPES, enumLabel, TagChips } from './shared';
import './crm.css';

export const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

/** The table's sortable columns and the API's order for each. */
const ORDER_FIELDS: Record<string, ContactOrder['field'][]> = {
  name: ['LAST_NAME', 'FIRST_NAME'],
  company: ['COMPANY'],
  createdAt: ['CREATED_AT'],
  updatedAt: ['UPDATED_AT'],
};

export interface ContactListState {
  search: string;
  type: string;
  status: string;
  ownerId: string;
  tagIds: string[];
  custom: Record<string, FormValue>;
  sorting: SortingState;
  cursor: { after?: string; before?: string };
}

export const INITIAL_STATE: ContactListState = { search: '', type: '', status: '', ownerId: '', tagIds: [], custom: {}, sorting: [], cursor: {} };

/** The condition of one custom-field filter, fitting its type; null when it is blank. */
function customCondition(field: ContactFieldDefinition, value: FormValue): NonNullable<ContactFilter['customFields']>[number] | null {
  const json = fromFormValue(field, value);
  if (json === null) return null;
  switch (field.type) {
    case 'TEXT':
    case 'URL':
    case 'EMAIL':
      return { key: field.key, contains: String(json) };
    case 'MULTI_SELECT':
      return { key: field.key, hasAny: json as string[] };
    default:
      return { key: field.key, eq: json };
  }
}

/** The `contacts` arguments for what the table shows: filters, order and page, all done by the API. */
export function contactsVariables(state: ContactListState, fields: readonly ContactFieldDefinition[] = []): CrmContactsQueryVariables {
  const filter: ContactFilter = {};
  if (state.type) filter.type = { eq: state.type as ContactType };
  if (state.status) filter.status = { eq: state.status as ContactStatus };
  if (state.ownerId) filter.assignedTo = { eq: state.ownerId };
  if (state.tagIds.length) filter.tags = { hasAny: state.tagIds };
  const custom = fields.flatMap((field) => {
    const condition = state.custom[field.key] === undefined ? null : customCondition(field, state.custom[field.key]!);
    return condition ? [condition] : [];
  });
  if (custom.length) filter.customFields = custom;
  const orderBy = state.sorting.flatMap((sort) =>
    (ORDER_FIELDS[sort.id] ?? []).map((field) => ({ field, direction: sort.desc ? ('DESC' as const) : ('ASC' as const) })),
  );
  const variables: CrmContactsQueryVariables = state.cursor.before ? { last: PAGE_SIZE, before: state.cursor.before } : { first: PAGE_SIZE };
  if (state.cursor.after) variables.after = state.cursor.after;
  const search = state.search.trim();
  if (search) variables.search = search;
  if (Object.keys(filter).length) variables.filter = filter;
  if (orderBy.length) variables.orderBy = orderBy;
  return variables;
}

export function ContactsPage() {
  const translator = useTranslator();
  // Stable while the reader's language is: the table's columns are made again only when it changes.
  const t = useMemo(() => translator.t.bind(translator), [translator]);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<ContactListState>(INITIAL_STATE);
  const [searchText, setSearchText] = useState('');
  const { data: options } = useQuery(CrmContactOptionsQuery);
  const fields = useMemo(() => sortedFields(options?.contactFields), [options?.contactFields]);
  const members = options?.organization?.members?.nodes.flatMap((member) => (member.user ? [member.user] : [])) ?? [];
  const tags = options?.tags?.nodes ?? [];
  const variables = contactsVariables(state, fields);
  const { data, previousData, loading, error, refetch } = useQuery(CrmContactsQuery, { variables, notifyOnNetworkStatusChange: true });
  const page = (data ?? previousData)?.contacts;

  // Filters change the list: back to its first page.
  const update = (change: Partial<ContactListState>) => setState((was) => ({ ...was, ...change, cursor: change.cursor ?? {} }));
  useEffect(() => {
    const timer = setTimeout(() => setState((was) => (was.search === searchText ? was : { ...was, search: searchText, cursor: {} })), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText]);

  const creating = params.get('new') !== null;
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', '1');
    else next.delete('new');
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColumnDef<CrmContactRowFragment, unknown>[]>(
    () => [
      // Sortable columns need an accessor (TanStack); the API does the sorting (manualSorting).
      {
        id: 'name',
        header: t(m.columnName),
        accessorFn: (row) => row.name,
        cell: ({ row }) => (
          <span className="crm-name-cell">
            <span className="crm-strong">{row.original.name}</span>
            {/* The quick view opens without leaving the list (the row itself opens the profile). */}
            <span onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
              <QuickViewLink id={row.original.id} className="crm-peek">
                <span aria-hidden>👁</span>
                <span className="visually-hidden">{t(m.quickViewOf, { name: row.original.name })}</span>
              </QuickViewLink>
            </span>
          </span>
        ),
      },
      { id: 'type', header: t(m.type), enableSorting: false, cell: ({ row }) => <span className="badge">{enumLabel(t, row.original.type)}</span> },
      { id: 'company', header: t(m.fieldCompany), accessorFn: (row) => row.company, cell: ({ row }) => row.original.company ?? '' },
      { id: 'email', header: t(m.fieldEmail), enableSorting: false, cell: ({ row }) => row.original.email ?? '' },
      { id: 'owner', header: t(m.owner), enableSorting: false, cell: ({ row }) => row.original.assignedTo?.name ?? '' },
      { id: 'tags', header: t(m.tags), enableSorting: false, cell: ({ row }) => <TagChips tags={row.original.tags} /> },
      { id: 'createdAt', header: t(m.created), accessorFn: (row) => row.createdAt, sortDescFirst: true, cell: ({ row }) => formatDate(row.original.createdAt) },
      { id: 'updatedAt', header: t(m.updated), accessorFn: (row) => row.updatedAt, sortDescFirst: true, cell: ({ row }) => formatDate(row.original.updatedAt) },
    ],
    [t],
  );

  const filtered = Boolean(
    state.search ||
    state.type ||
    state.status ||
    state.ownerId ||
    state.tagIds.length ||
    Object.values(state.custom).some((value) => (Array.isArray(value) ? value.length : value)),
  );

  return (
    <div className="crm-page">
      <PageHeader
        title={t(m.contacts)}
        subtitle={t(m.contactsSubtitle)}
        actions={
          <>
            <ImportLink type="Contact" />
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t(m.newContact)}
            </Button>
          </>
        }
      />
      <form className="crm-filters" role="search" aria-label={t(m.filterContacts)} onSubmit={(event) => event.preventDefault()}>
        <TextField
          label={t(m.search)}
          type="search"
          placeholder={t(m.searchPlaceholder)}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
        />
        <SelectField label={t(m.type)} value={state.type} onChange={(event) => update({ type: event.target.value })}>
          <option value="">{t(m.anyType)}</option>
          {CONTACT_TYPES.map((type) => (
            <option key={type} value={type}>
              {enumLabel(t, type)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t(m.status)} value={state.status} onChange={(event) => update({ status: event.target.value })}>
          <option value="">{t(m.anyStatus)}</option>
          {CONTACT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {enumLabel(t, status)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t(m.owner)} value={state.ownerId} onChange={(event) => update({ ownerId: event.target.value })}>
          <option value="">{t(m.anyone)}</option>
          {members.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        {tags.length ? (
          <details className="crm-disclosure">
            <summary>{t(m.tagsChosen, { count: state.tagIds.length })}</summary>
            <fieldset className="crm-checks">
              <legend className="visually-hidden">{t(m.hasAnyTag)}</legend>
              {tags.map((tag) => (
                <label key={tag.id}>
                  <input
                    type="checkbox"
                    checked={state.tagIds.includes(tag.id)}
                    onChange={(event) => update({ tagIds: event.target.checked ? [...state.tagIds, tag.id] : state.tagIds.filter((id) => id !== tag.id) })}
                  />
                  {tag.name}
                </label>
              ))}
            </fieldset>
          </details>
        ) : null}
        {fields.length ? (
          <details className="crm-disclosure">
            <summary>{t(m.customFields)}</summary>
            <div className="crm-custom-filters">
              {fields.map((field) => (
                <CustomFieldInput
                  key={field.id}
                  field={{ ...field, required: false }}
                  value={state.custom[field.key] ?? toFormValue(field, null)}
                  onChange={(value) => update({ custom: { ...state.custom, [field.key]: value } })}
                />
              ))}
            </div>
          </details>
        ) : null}
        {filtered ? (
          <Button
            variant="ghost"
            onClick={() => {
              setSearchText('');
              setState({ ...INITIAL_STATE, sorting: state.sorting });
            }}
          >
            {t(m.clearFilters)}
          </Button>
        ) : null}
      </form>
      {error && page ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      <DataTable
        label={t(m.contacts)}
        exportable={{ query: CrmContactsQuery, variables, name: t(m.contacts) }}
        columns={columns}
        rows={page?.nodes ?? []}
        rowId={(row) => row.id}
        sorting={state.sorting}
        onSortingChange={(sorting) => update({ sorting })}
        loading={loading}
        error={page ? undefined : error}
        retry={() => void refetch()}
        totalCount={page?.totalCount}
        onOpen={(row) => void navigate(`/crm/contacts/${encodeURIComponent(row.id)}`)}
        paging={
          page
            ? {
                hasPreviousPage: page.pageInfo.hasPreviousPage,
                hasNextPage: page.pageInfo.hasNextPage,
                onPrevious: () => page.pageInfo.startCursor && setState((was) => ({ ...was, cursor: { before: page.pageInfo.startCursor! } })),
                onNext: () => page.pageInfo.endCursor && setState((was) => ({ ...was, cursor: { after: page.pageInfo.endCursor! } })),
              }
            : undefined
        }
        empty={
          filtered ? (
            <EmptyState title={t(m.noContactsMatch)}>{t(m.changeFilters)}</EmptyState>
          ) : (
            <EmptyState
              title={t(m.noContactsYet)}
              action={
                <Button variant="primary" onClick={() => setCreating(true)}>
                  {t(m.newContact)}
                </Button>
              }
            >
              {t(m.addFirstContact)}
            </EmptyState>
          )
        }
      />
      <NewContactDialog open={creating} onOpenChange={setCreating} onCreated={(id) => void navigate(`/crm/contacts/${encodeURIComponent(id)}`)} />
    </div>
  );
}
