import { useMutation, useQuery } from '@apollo/client/react';
import { idempotencyKey } from '../../app/format';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError, splitUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { ContactType } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/states';
import { CustomFieldInput, fromFormValue, sortedFields, toFormValue, type FormValue } from './customFields';
import { m } from './messages';
import { CrmContactCreateMutation, CrmContactOptionsQuery } from './operations';
import { CONTACT_FIELD_LABELS, CONTACT_TYPES, enumLabel } from './shared';

const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'company', 'jobTitle'] as const;
const INPUT_TYPES: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = { email: 'email', phone: 'tel' };

/** Creates a contact; each user error shows under its field, the others above the buttons. */
export function NewContactDialog({ open, onOpenChange, onCreated }: { open: boolean; onOpenChange(open: boolean): void; onCreated(id: string): void }) {
  const t = useT();
  const { data: options } = useQuery(CrmContactOptionsQuery, { skip: !open });
  const [create, { loading }] = useMutation(CrmContactCreateMutation, { refetchQueries: ['CrmContacts'] });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ id: string; name: string } | null>(null);
  const [custom, setCustom] = useState<Record<string, FormValue>>({});
  // One key per opening of the form: a retry after a lost answer does not create twice.
  const [key, setKey] = useState(idempotencyKey);
  const fields = sortedFields(options?.contactFields);
  const members = options?.organization?.members?.nodes.flatMap((member) => (member.user ? [member.user] : [])) ?? [];

  const reset = (next: boolean) => {
    if (!next) {
      setFieldErrors({});
      setError(null);
      setDuplicate(null);
      setCustom({});
      setKey(idempotencyKey());
    }
    onOpenChange(next);
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    const customFields: Record<string, unknown> = {};
    for (const field of fields) {
      const value = fromFormValue(field, custom[field.key] ?? toFormValue(field, null));
      if (value !== null) customFields[field.key] = value;
    }
    setError(null);
    setFieldErrors({});
    setDuplicate(null);
    try {
      const { data } = await create({
        variables: {
          input: {
            type: (text('type') as ContactType | undefined) ?? 'LEAD',
            ...Object.fromEntries(TEXT_FIELDS.map((name) => [name, text(name)])),
            assignedToId: text('assignedToId'),
            customFields: Object.keys(customFields).length ? customFields : undefined,
            idempotencyKey: key,
          },
        },
      });
      const payload = data?.contactCreate;
      if (payload?.userErrors.length) {
        const split = splitUserErrors(payload.userErrors, [...TEXT_FIELDS, 'type', 'assignedToId', ...fields.map((field) => `customFields.${field.key}`)]);
        setFieldErrors(split.byField);
        setError(split.general);
        setDuplicate(payload.duplicateContact ?? null);
        setKey(idempotencyKey());
        return;
      }
      if (payload?.contact) {
        reset(false);
        onCreated(payload.contact.id);
      }
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <Dialog open={open} onOpenChange={reset} title={t(m.newContact)} description={t(m.newContactDescription)}>
      <form className="form" onSubmit={submit} noValidate>
        <SelectField label={t(m.type)} name="type" defaultValue="LEAD" error={fieldErrors.type}>
          {CONTACT_TYPES.map((type) => (
            <option key={type} value={type}>
              {enumLabel(t, type)}
            </option>
          ))}
        </SelectField>
        <div className="crm-form-grid">
          {TEXT_FIELDS.map((name) => (
            <TextField
              key={name}
              label={t(CONTACT_FIELD_LABELS[name])}
              name={name}
              type={INPUT_TYPES[name] ?? 'text'}
              error={fieldErrors[name]}
              autoFocus={name === 'firstName'}
            />
          ))}
        </div>
        {duplicate ? (
          <p className="muted">
            {t(m.existingContact)}{' '}
            <Link to={`/crm/contacts/${encodeURIComponent(duplicate.id)}`} onClick={() => reset(false)}>
              {duplicate.name}
            </Link>
          </p>
        ) : null}
        <SelectField label={t(m.owner)} name="assignedToId" defaultValue="" error={fieldErrors.assignedToId}>
          <option value="">{t(m.notAssigned)}</option>
          {members.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
        {fields.length ? (
          <fieldset className="crm-fieldset">
            <legend>{t(m.customFields)}</legend>
            <div className="crm-form-grid">
              {fields.map((field) => (
                <CustomFieldInput
                  key={field.id}
                  field={field}
                  value={custom[field.key] ?? toFormValue(field, null)}
                  onChange={(value) => setCustom((was) => ({ ...was, [field.key]: value }))}
                  error={fieldErrors[`customFields.${field.key}`]}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <Notice>{error}</Notice>
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.createContact)}
          </Button>
          <Button onClick={() => reset(false)}>{t(m.cancel)}</Button>
        </div>
      </form>
    </Dialog>
  );
}
