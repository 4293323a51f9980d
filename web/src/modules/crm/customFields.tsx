import { SelectField, TextField } from '../../ui/controls';
import type { CrmContactOptionsQuery } from '../../gql/graphql';
import { useT } from '../../app/i18n';
import { m } from './messages';
import type { Translate } from './shared';

export type ContactFieldDefinition = NonNullable<CrmContactOptionsQuery['contactFields']>[number];

export function sortedFields(fields: readonly ContactFieldDefinition[] | null | undefined): ContactFieldDefinition[] {
  return [...(fields ?? [])].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}

/** A custom field's value as the form holds it (text; a list for multi-select; "true"/"false"). */
export type FormValue = string | string[];

export function toFormValue(field: ContactFieldDefinition, value: unknown): FormValue {
  if (field.type === 'MULTI_SELECT') return Array.isArray(value) ? value.map(String) : [];
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The JSON value the API takes for the field, or null for no value. */
export function fromFormValue(field: ContactFieldDefinition, value: FormValue): unknown {
  if (Array.isArray(value)) return value.length ? value : null;
  const text = value.trim();
  if (!text) return null;
  if (field.type === 'NUMBER') return Number.isFinite(Number(text)) ? Number(text) : text;
  if (field.type === 'BOOLEAN') return text === 'true';
  return text;
}

/** The input of one custom field, fitting its type. */
export function CustomFieldInput({
  field,
  value,
  onChange,
  error,
  name,
}: {
  field: ContactFieldDefinition;
  value: FormValue;
  onChange(value: FormValue): void;
  error?: string | null;
  name?: string;
}) {
  const t = useT();
  const label = field.required ? t(m.required, { label: field.label }) : field.label;
  switch (field.type) {
    case 'BOOLEAN':
      return (
        <SelectField label={label} name={name} value={String(value)} onChange={(event) => onChange(event.target.value)} error={error} required={field.required}>
          <option value="">—</option>
          <option value="true">{t(m.yes)}</option>
          <option value="false">{t(m.no)}</option>
        </SelectField>
      );
    case 'SELECT':
      return (
        <SelectField label={label} name={name} value={String(value)} onChange={(event) => onChange(event.target.value)} error={error} required={field.required}>
          <option value="">—</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case 'MULTI_SELECT':
      return (
        <SelectField
          label={label}
          name={name}
          multiple
          value={Array.isArray(value) ? value : []}
          onChange={(event) => onChange([...event.target.selectedOptions].map((option) => option.value))}
          error={error}
          hint={t(m.chooseSeveral)}
        >
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    default:
      return (
        <TextField
          label={label}
          name={name}
          type={field.type === 'NUMBER' ? 'number' : field.type === 'DATE' ? 'date' : field.type === 'URL' ? 'url' : field.type === 'EMAIL' ? 'email' : 'text'}
          step={field.type === 'NUMBER' ? 'any' : undefined}
          value={String(value)}
          onChange={(event) => onChange(event.target.value)}
          error={error}
          required={field.required}
        />
      );
  }
}

/** A custom field's value, readable. */
export function formatCustomValue(t: Translate, field: ContactFieldDefinition, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (field.type === 'BOOLEAN') return t(value ? m.yes : m.no);
  return String(value);
}
