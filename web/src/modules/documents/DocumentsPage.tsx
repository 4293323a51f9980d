import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { describeError, splitUserErrors } from '../../app/errors';
import { formatDate, idempotencyKey } from '../../app/format';
import { useT, useTranslator } from '../../app/i18n';
import type { DocumentFilter, DocumentOrder, DocumentsListItemFragment, DocumentsListQueryVariables, DocumentStatus, DocumentType } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, Notice } from '../../ui/states';
import { m } from './messages';
import { DocumentsCreateFromTemplateMutation, DocumentsCreateMutation, DocumentsListQuery, DocumentsTemplatesQuery } from './operations';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES, startOfDay, StatusBadge, statusLabel, typeLabel } from './shared';
import './documents.css';

export const PAGE_SIZE = 25;

/** The table's sortable columns and the API's order for each. */
const ORDER_FIELDS: Record<string, DocumentOrder['field']> = {
  title: 'TITLE',
  expiresAt: 'EXPIRES_AT',
  updatedAt: 'UPDATED_AT',
  statusChangedAt: 'STATUS_CHANGED_AT',
};

export interface DocumentListState {
  type: DocumentType | '';
  status: DocumentStatus | '';
  /** A calendar date (yyyy-mm-dd): documents expiring before its start in the reader's time zone. */
  expiresBefore: string;
  sorting: SortingState;
  cursor: { after?: string; before?: string };
}

export const INITIAL_STATE: DocumentListState = { type: '', status: '', expiresBefore: '', sorting: [], cursor: {} };

/** The `documents` arguments for what the table shows: filters, order and page, all done by the API. */
export function documentsVariables(state: DocumentListState): DocumentsListQueryVariables {
  const filter: DocumentFilter = {};
  if (state.type) filter.type = { eq: state.type };
  if (state.status) filter.status = { eq: state.status };
  if (state.expiresBefore) filter.expiresAt = { lt: startOfDay(state.expiresBefore) };
  const orderBy = state.sorting.flatMap((sort) => {
    const field = ORDER_FIELDS[sort.id];
    return field ? [{ field, direction: sort.desc ? ('DESC' as const) : ('ASC' as const) }] : [];
  });
  const variables: DocumentsListQueryVariables = state.cursor.before ? { last: PAGE_SIZE, before: state.cursor.before } : { first: PAGE_SIZE };
  if (state.cursor.after) variables.after = state.cursor.after;
  if (Object.keys(filter).length) variables.filter = filter;
  if (orderBy.length) variables.orderBy = orderBy;
  return variables;
}

/** /documents — contracts, proposals, statements of work, NDAs and templates: filtered, sorted and paged by the API. */
export function DocumentsPage() {
  const reader = useTranslator();
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<DocumentListState>(INITIAL_STATE);
  const { data, previousData, loading, error, refetch } = useQuery(DocumentsListQuery, {
    variables: documentsVariables(state),
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.documents;
  const update = (change: Partial<DocumentListState>) => setState((was) => ({ ...was, ...change, cursor: change.cursor ?? {} }));
  const creating = params.get('new') !== null;
  const setCreating = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('new', '1');
    else next.delete('new');
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColumnDef<DocumentsListItemFragment, unknown>[]>(
    () => [
      { id: 'title', header: reader.t(m.title), accessorFn: (row) => row.title, cell: ({ row }) => <span className="doc-strong">{row.original.title}</span> },
      { id: 'type', header: reader.t(m.type), enableSorting: false, cell: ({ row }) => typeLabel(row.original.type, reader) },
      { id: 'status', header: reader.t(m.status), enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: 'owner', header: reader.t(m.owner), enableSorting: false, cell: ({ row }) => row.original.owner.name },
      { id: 'expiresAt', header: reader.t(m.expires), accessorFn: (row) => row.expiresAt, cell: ({ row }) => formatDate(row.original.expiresAt) },
      {
        id: 'updatedAt',
        header: reader.t(m.updated),
        accessorFn: (row) => row.updatedAt,
        sortDescFirst: true,
        cell: ({ row }) => formatDate(row.original.updatedAt),
      },
    ],
    [reader],
  );
  const filtered = Boolean(state.type || state.status || state.expiresBefore);

  return (
    <div className="doc-page">
      <PageHeader
        title={t(m.documents)}
        subtitle={t(m.listSubtitle)}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t(m.newDocument)}
          </Button>
        }
      />
      <form className="doc-filters" role="search" aria-label={t(m.filterDocuments)} onSubmit={(event) => event.preventDefault()}>
        <SelectField label={t(m.type)} value={state.type} onChange={(event) => update({ type: event.target.value as DocumentType | '' })}>
          <option value="">{t(m.anyType)}</option>
          {DOCUMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {typeLabel(type, reader)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t(m.status)} value={state.status} onChange={(event) => update({ status: event.target.value as DocumentStatus | '' })}>
          <option value="">{t(m.anyStatus)}</option>
          {DOCUMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status, reader)}
            </option>
          ))}
        </SelectField>
        <TextField label={t(m.expiringBefore)} type="date" value={state.expiresBefore} onChange={(event) => update({ expiresBefore: event.target.value })} />
        {filtered ? (
          <Button variant="ghost" onClick={() => setState({ ...INITIAL_STATE, sorting: state.sorting })}>
            {t(m.clearFilters)}
          </Button>
        ) : null}
      </form>
      <DataTable
        label={t(m.documents)}
        exportable={{ query: DocumentsListQuery, variables: documentsVariables(state), name: t(m.documents) }}
        columns={columns}
        rows={page?.nodes ?? []}
        rowId={(row) => row.id}
        sorting={state.sorting}
        onSortingChange={(sorting) => update({ sorting })}
        loading={loading}
        error={page ? undefined : error}
        retry={() => void refetch()}
        totalCount={page?.totalCount}
        onOpen={(row) => void navigate(`/documents/${encodeURIComponent(row.id)}`)}
        empty={
          <EmptyState title={filtered ? t(m.noDocumentsMatch) : t(m.noDocumentsYet)}>{filtered ? t(m.tryOtherFilters) : t(m.createFirstDocument)}</EmptyState>
        }
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
      />
      <Dialog open={creating} onOpenChange={setCreating} title={t(m.newDocument)}>
        <NewDocumentForm onCreated={(id) => void navigate(`/documents/${encodeURIComponent(id)}`)} />
      </Dialog>
    </div>
  );
}

/** A blank document of a type, or a draft from a template (`documentCreateFromTemplate`). */
function NewDocumentForm({ onCreated }: { onCreated(id: string): void }) {
  const reader = useTranslator();
  const t = useT();
  const [title, setTitle] = useState('');
  const [type, setType] = useState<DocumentType>('CONTRACT');
  const [templateId, setTemplateId] = useState('');
  const [key] = useState(idempotencyKey);
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string | null }>({ byField: {}, general: null });
  const { data: templates } = useQuery(DocumentsTemplatesQuery);
  const [create, { loading: creating }] = useMutation(DocumentsCreateMutation, { refetchQueries: ['DocumentsList', 'DocumentsTemplates'] });
  const [fromTemplate, { loading: copying }] = useMutation(DocumentsCreateFromTemplateMutation, { refetchQueries: ['DocumentsList'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setErrors({ byField: { title: t(m.titleRequired) }, general: null });
    setErrors({ byField: {}, general: null });
    try {
      const input = { title: title.trim(), type, idempotencyKey: key };
      const payload = templateId
        ? (await fromTemplate({ variables: { input: { ...input, templateId } } })).data?.documentCreateFromTemplate
        : (await create({ variables: { input } })).data?.documentCreate;
      const failures = splitUserErrors(payload?.userErrors, ['title', 'type', 'templateId']);
      if (failures.general || Object.keys(failures.byField).length) return setErrors(failures);
      if (payload?.document) onCreated(payload.document.id);
    } catch (caught) {
      setErrors({ byField: {}, general: describeError(caught) });
    }
  }

  return (
    <form className="form" onSubmit={submit}>
      <TextField label={t(m.title)} value={title} onChange={(event) => setTitle(event.target.value)} error={errors.byField.title} />
      <SelectField label={t(m.type)} value={type} onChange={(event) => setType(event.target.value as DocumentType)} error={errors.byField.type}>
        {DOCUMENT_TYPES.map((option) => (
          <option key={option} value={option}>
            {typeLabel(option, reader)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t(m.startFrom)}
        value={templateId}
        onChange={(event) => setTemplateId(event.target.value)}
        error={errors.byField.templateId}
        hint={t(m.startFromHint)}
      >
        <option value="">{t(m.blankDocument)}</option>
        {(templates?.documents?.nodes ?? []).map((template) => (
          <option key={template.id} value={template.id}>
            {t(m.templateOption, { title: template.title })}
          </option>
        ))}
      </SelectField>
      <Notice>{errors.general}</Notice>
      <div>
        <Button type="submit" variant="primary" busy={creating || copying}>
          {t(m.createDocument)}
        </Button>
      </div>
    </form>
  );
}
