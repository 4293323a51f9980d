import { text, type LocalizedText, type Message } from '@cellgraph/kernel';
import { crmFieldTexts } from './messages.js';
import { ContactFieldType, type ContactField } from './custom-field.entity.js';

export interface FieldProblem {
  /** Path below the input, e.g. ["customFields", "tier"]. */
  path: (string | number)[];
  message: LocalizedText;
}

const MAX_TEXT = 2_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Check = (value: unknown, field: ContactField) => { value: unknown } | { problem: Message; options?: string };

const checks: Record<ContactFieldType, Check> = {
  [ContactFieldType.TEXT]: (v) => (typeof v === 'string' && v.length <= MAX_TEXT ? { value: v } : { problem: crmFieldTexts.notText }),
  [ContactFieldType.NUMBER]: (v) => (typeof v === 'number' && Number.isFinite(v) ? { value: v } : { problem: crmFieldTexts.notNumber }),
  [ContactFieldType.BOOLEAN]: (v) => (typeof v === 'boolean' ? { value: v } : { problem: crmFieldTexts.notBoolean }),
  [ContactFieldType.DATE]: (v) =>
    typeof v === 'string' && DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? { value: v } : { problem: crmFieldTexts.notDate },
  [ContactFieldType.SELECT]: (v, f) =>
    typeof v === 'string' && f.options.includes(v) ? { value: v } : { problem: crmFieldTexts.notAnOption, options: f.options.join(', ') },
  [ContactFieldType.MULTI_SELECT]: (v, f) =>
    Array.isArray(v) && v.every((o) => typeof o === 'string' && f.options.includes(o)) && new Set(v).size === v.length
      ? { value: v }
      : { problem: crmFieldTexts.notOptions, options: f.options.join(', ') },
  [ContactFieldType.URL]: (v) =>
    typeof v === 'string' && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) ? { value: v } : { problem: crmFieldTexts.notUrl },
  [ContactFieldType.EMAIL]: (v) => (typeof v === 'string' && EMAIL.test(v) && v.length <= 255 ? { value: v } : { problem: crmFieldTexts.notEmail }),
};

/** Why `value` is not a value of `field` (e.g. "must be a number"), or null when it is one. */
export function valueProblem(field: ContactField, value: unknown): LocalizedText | null {
  const checked = checks[field.type](value, field);
  return 'problem' in checked ? text(checked.problem, { label: field.label, ...(checked.options === undefined ? {} : { options: checked.options }) }) : null;
}

/**
 * Checks a contact's custom field values against the organization's definitions: every key must
 * be defined, every value of its field's type, every required field present. Returns the
 * problems, each at its path.
 */
export function customFieldProblems(values: Record<string, unknown>, fields: readonly ContactField[]): FieldProblem[] {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field) {
      problems.push({ path: ['customFields', key], message: text(crmFieldTexts.unknownField, { key }) });
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) problems.push({ path: ['customFields', key], message: problem });
  }
  for (const field of fields) {
    if (field.required && (values[field.key] === undefined || values[field.key] === null || values[field.key] === '')) {
      problems.push({ path: ['customFields', field.key], message: text(crmFieldTexts.required, { label: field.label }) });
    }
  }
  return problems;
}

/** Applies a change to custom field values: given keys are set, keys set to null removed. */
export function mergeCustomFields(current: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
