import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import { DataTable } from '../ui/DataTable';
import { Button, TextField } from '../ui/controls';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, Notice } from '../ui/states';
import { CopyButton } from './CopyButton';
import { SettingsApiKeyCreateMutation, SettingsApiKeyRevokeMutation, SettingsApiKeysQuery } from './operations';
import { fieldErrors } from '../app/errors';
import { useCursorPages } from '../ui/paging';
import { attempt, canManage, formatDate } from './shared';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rateLimit?: number | null;
  createdAt: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  createdBy?: { name: string } | null;
}

/** API keys of the organization: create one (its secret shown once), revoke. Owners and admins only. */
export function ApiKeysPage() {
  const pages = useCursorPages();
  const { data, loading, error, refetch } = useQuery(SettingsApiKeysQuery, { variables: pages.variables });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const organization = data?.organization;
  const manager = canManage(organization?.viewerRole);
  const rows: ApiKeyRow[] = useMemo(() => [...(organization?.apiKeys?.nodes ?? [])], [organization?.apiKeys?.nodes]);

  const columns = useMemo<ColumnDef<ApiKeyRow, unknown>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        cell: ({ row }) => (
          <span className="person">
            <span>{row.original.name}</span>
            <small>
              <code>{row.original.prefix}…</code>
            </small>
          </span>
        ),
      },
      { id: 'scopes', header: 'Scopes', cell: ({ row }) => row.original.scopes.join(', ') },
      { id: 'rateLimit', header: 'Rate limit', cell: ({ row }) => (row.original.rateLimit ? `${row.original.rateLimit} / window` : 'Default') },
      { id: 'lastUsed', header: 'Last used', cell: ({ row }) => (row.original.lastUsedAt ? formatDate(row.original.lastUsedAt) : 'Never') },
      {
        id: 'status',
        header: 'Status',
        cell: ({ row }) =>
          row.original.revokedAt ? (
            <span className="badge">Revoked {formatDate(row.original.revokedAt)}</span>
          ) : row.original.expiresAt && new Date(row.original.expiresAt) < new Date() ? (
            <span className="badge">Expired</span>
          ) : row.original.expiresAt ? (
            `Expires ${formatDate(row.original.expiresAt)}`
          ) : (
            'Active'
          ),
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          row.original.revokedAt ? null : (
            <div className="table-actions">
              <Button className="button-small" variant="danger" aria-label={`Revoke ${row.original.name}`} onClick={() => setRevoking(row.original)}>
                Revoke
              </Button>
            </div>
          ),
      },
    ],
    [],
  );

  const notAllowed = organization && !manager;
  return (
    <>
      <PageHeader
        title="API keys"
        subtitle="Keys let programs use Cellgraph’s API on your behalf."
        actions={
          manager ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New API key
            </Button>
          ) : null
        }
      />
      {message ? <Notice tone="success">{message}</Notice> : null}
      {notAllowed ? (
        <EmptyState title="Only owners and admins can manage API keys" />
      ) : (
        <DataTable
          label="API keys"
          columns={columns}
          rows={rows}
          rowId={(row) => row.id}
          loading={loading}
          error={error}
          retry={() => void refetch()}
          paging={pages.paging(organization?.apiKeys?.pageInfo)}
          totalCount={organization?.apiKeys?.totalCount}
          empty={
            <EmptyState title="No API keys yet" action={manager ? <Button onClick={() => setCreating(true)}>Create an API key</Button> : null}>
              Create a key for each program that uses the API, with only the scopes it needs.
            </EmptyState>
          }
        />
      )}
      <CreateApiKeyDialog
        open={creating}
        scopes={data?.apiKeyScopes ?? []}
        onClose={() => setCreating(false)}
        onCreated={(name, key) => {
          setCreating(false);
          setMessage(null);
          setSecret({ name, key });
          pages.reset();
          void refetch();
        }}
      />
      <Dialog
        open={Boolean(secret)}
        onOpenChange={(open) => !open && setSecret(null)}
        title={secret ? `API key ${secret.name} created` : 'API key created'}
        description="Copy the key now and keep it somewhere safe: it is shown this once, and Cellgraph cannot show it again."
      >
        {secret ? (
          <div className="form">
            <Notice tone="info">Once you close this dialog the key cannot be seen again. If you lose it, revoke it and create another.</Notice>
            <div className="secret-box">
              <code className="secret-value" aria-label="The new API key">
                {secret.key}
              </code>
              <CopyButton text={secret.key} label="Copy key" />
            </div>
            <div className="dialog-actions">
              <Button variant="primary" onClick={() => setSecret(null)}>
                I have copied it
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>
      <RevokeDialog
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(name) => {
          setRevoking(null);
          setMessage(`API key ${name} revoked.`);
          void refetch();
        }}
      />
    </>
  );
}

function CreateApiKeyDialog({
  open,
  scopes,
  onClose,
  onCreated,
}: {
  open: boolean;
  scopes: readonly { name: string; description: string }[];
  onClose(): void;
  onCreated(name: string, key: string): void;
}) {
  const [create, { loading }] = useMutation(SettingsApiKeyCreateMutation);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const chosen = form.getAll('scopes').map(String);
    const rateLimitText = String(form.get('rateLimit') ?? '').trim();
    const expiresText = String(form.get('expiresAt') ?? '').trim();
    setError(null);
    setFields({});
    if (chosen.length === 0) return setFields({ scopes: 'Choose at least one scope.' });
    let plainKey: string | null | undefined;
    let errors: readonly { code?: string | null; message: string; field?: readonly string[] | null }[] | undefined;
    const failure = await attempt(async () => {
      const result = await create({
        variables: {
          input: {
            name,
            scopes: chosen,
            ...(rateLimitText ? { rateLimit: Number(rateLimitText) } : {}),
            ...(expiresText ? { expiresAt: new Date(`${expiresText}T23:59:59`).toISOString() } : {}),
          },
        },
      });
      plainKey = result.data?.apiKeyCreate?.plainKey;
      errors = result.data?.apiKeyCreate?.userErrors;
      return errors;
    });
    if (failure) {
      const byField = fieldErrors(errors);
      if (byField.name || byField.rateLimit || byField.expiresAt || byField.scopes) setFields(byField);
      else setError(failure);
      return;
    }
    if (plainKey) onCreated(name, plainKey);
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setError(null);
          setFields({});
          onClose();
        }
      }}
      title="New API key"
    >
      <form className="form" onSubmit={submit}>
        <TextField label="Name" name="name" required maxLength={100} autoFocus hint="What uses it, e.g. “Billing sync”." error={fields.name} />
        <fieldset className="scope-list" aria-describedby={fields.scopes ? 'api-key-scopes-error' : undefined}>
          <legend>Scopes</legend>
          {scopes.length === 0 ? <p className="muted">This cell offers no scopes.</p> : null}
          {scopes.map((scope) => (
            <label key={scope.name} className="check">
              <input type="checkbox" name="scopes" value={scope.name} />
              <span>
                <code>{scope.name}</code>
                <small>{scope.description}</small>
              </span>
            </label>
          ))}
        </fieldset>
        {fields.scopes ? (
          <p id="api-key-scopes-error" className="field-error" role="alert">
            {fields.scopes}
          </p>
        ) : null}
        <div className="settings-grid">
          <TextField
            label="Rate limit (optional)"
            name="rateLimit"
            type="number"
            min={1}
            max={100000}
            hint="Requests per minute; empty: the default."
            error={fields.rateLimit}
          />
          <TextField label="Expires (optional)" name="expiresAt" type="date" min={today} hint="Empty: never." error={fields.expiresAt} />
        </div>
        <Notice>{error}</Notice>
        <div className="dialog-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={loading}>
            Create key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ apiKey, onClose, onRevoked }: { apiKey: ApiKeyRow | null; onClose(): void; onRevoked(name: string): void }) {
  const [revoke, { loading }] = useMutation(SettingsApiKeyRevokeMutation);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    if (!apiKey) return;
    const failure = await attempt(async () => (await revoke({ variables: { input: { id: apiKey.id } } })).data?.apiKeyRevoke?.userErrors);
    if (failure) return setError(failure);
    onRevoked(apiKey.name);
  }
  return (
    <Dialog
      open={Boolean(apiKey)}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
      title={apiKey ? `Revoke ${apiKey.name}?` : 'Revoke API key'}
      description="Programs using this key are refused from their next request. This cannot be undone."
    >
      <Notice>{error}</Notice>
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" busy={loading} onClick={() => void confirm()}>
          Revoke key
        </Button>
      </div>
    </Dialog>
  );
}
