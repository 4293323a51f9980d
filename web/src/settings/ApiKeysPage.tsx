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
import { useT } from '../app/i18n';
import { apiKeysMessages as ak, m } from './messages';

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
  const t = useT();
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
        header: t(m.name),
        cell: ({ row }) => (
          <span className="person">
            <span>{row.original.name}</span>
            <small>
              <code>{row.original.prefix}…</code>
            </small>
          </span>
        ),
      },
      { id: 'scopes', header: t(ak.scopes), cell: ({ row }) => row.original.scopes.join(', ') },
      {
        id: 'rateLimit',
        header: t(ak.rateLimit),
        cell: ({ row }) => (row.original.rateLimit ? t(ak.perWindow, { limit: row.original.rateLimit }) : t(ak.default)),
      },
      { id: 'lastUsed', header: t(ak.lastUsed), cell: ({ row }) => (row.original.lastUsedAt ? formatDate(row.original.lastUsedAt) : t(ak.never)) },
      {
        id: 'status',
        header: t(ak.status),
        cell: ({ row }) =>
          row.original.revokedAt ? (
            <span className="badge">{t(ak.revokedOn, { date: formatDate(row.original.revokedAt) })}</span>
          ) : row.original.expiresAt && new Date(row.original.expiresAt) < new Date() ? (
            <span className="badge">{t(ak.expired)}</span>
          ) : row.original.expiresAt ? (
            t(ak.expiresOn, { date: formatDate(row.original.expiresAt) })
          ) : (
            t(ak.active)
          ),
      },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t(m.actions)}</span>,
        cell: ({ row }) =>
          row.original.revokedAt ? null : (
            <div className="table-actions">
              <Button
                className="button-small"
                variant="danger"
                aria-label={t(ak.revokeName, { name: row.original.name })}
                onClick={() => setRevoking(row.original)}
              >
                {t(ak.revoke)}
              </Button>
            </div>
          ),
      },
    ],
    [t],
  );

  const notAllowed = organization && !manager;
  return (
    <>
      <PageHeader
        title={t(m.apiKeys)}
        subtitle={t(ak.subtitle)}
        actions={
          manager ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t(ak.newKey)}
            </Button>
          ) : null
        }
      />
      {message ? <Notice tone="success">{message}</Notice> : null}
      {notAllowed ? (
        <EmptyState title={t(ak.notAllowed)} />
      ) : (
        <DataTable
          label={t(m.apiKeys)}
          columns={columns}
          rows={rows}
          rowId={(row) => row.id}
          loading={loading}
          error={error}
          retry={() => void refetch()}
          paging={pages.paging(organization?.apiKeys?.pageInfo)}
          totalCount={organization?.apiKeys?.totalCount}
          empty={
            <EmptyState title={t(ak.noKeys)} action={manager ? <Button onClick={() => setCreating(true)}>{t(ak.createAction)}</Button> : null}>
              {t(ak.createHint)}
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
        title={secret ? t(ak.createdName, { name: secret.name }) : t(ak.created)}
        description={t(ak.copyNow)}
      >
        {secret ? (
          <div className="form">
            <Notice tone="info">{t(ak.onceClosed)}</Notice>
            <div className="secret-box">
              <code className="secret-value" aria-label={t(ak.theNewKey)}>
                {secret.key}
              </code>
              <CopyButton text={secret.key} label={t(ak.copyKey)} />
            </div>
            <div className="dialog-actions">
              <Button variant="primary" onClick={() => setSecret(null)}>
                {t(ak.copiedIt)}
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
          setMessage(t(ak.revokedName, { name }));
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
  const t = useT();
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
    if (chosen.length === 0) return setFields({ scopes: t(ak.chooseScope) });
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
      title={t(ak.newKey)}
    >
      <form className="form" onSubmit={submit}>
        <TextField label={t(m.name)} name="name" required maxLength={100} autoFocus hint={t(ak.nameHint)} error={fields.name} />
        <fieldset className="scope-list" aria-describedby={fields.scopes ? 'api-key-scopes-error' : undefined}>
          <legend>{t(ak.scopes)}</legend>
          {scopes.length === 0 ? <p className="muted">{t(ak.noScopes)}</p> : null}
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
          <TextField label={t(ak.rateLimitOptional)} name="rateLimit" type="number" min={1} max={100000} hint={t(ak.rateLimitHint)} error={fields.rateLimit} />
          <TextField label={t(ak.expiresOptional)} name="expiresAt" type="date" min={today} hint={t(ak.expiresHint)} error={fields.expiresAt} />
        </div>
        <Notice>{error}</Notice>
        <div className="dialog-actions">
          <Button onClick={onClose}>{t(m.cancel)}</Button>
          <Button type="submit" variant="primary" busy={loading}>
            {t(ak.createKey)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RevokeDialog({ apiKey, onClose, onRevoked }: { apiKey: ApiKeyRow | null; onClose(): void; onRevoked(name: string): void }) {
  const t = useT();
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
      title={apiKey ? t(ak.revokeQuestion, { name: apiKey.name }) : t(ak.revokeKey)}
      description={t(ak.revokeExplanation)}
    >
      <Notice>{error}</Notice>
      <div className="dialog-actions">
        <Button onClick={onClose}>{t(m.cancel)}</Button>
        <Button variant="danger" busy={loading} onClick={() => void confirm()}>
          {t(ak.revokeKeyButton)}
        </Button>
      </div>
    </Dialog>
  );
}
