import { escapeLike, invalidInput, text, type ComputedFilterField, type LocalizedText } from '@cellgraph/kernel';
import { ContactFieldType, type ContactField } from './custom-field.entity.js';
import { valueProblem } from './custom-field-values.js';
import { crmFieldTexts } from './messages.js';

/** Conditions on one custom field, as `ContactFilter.customFields` takes them. */
export interface CustomFieldCondition {
  key: string;
  eq?: unknown;
  neq?: unknown;
  in?: unknown[] | null;
  lt?: unknown;
  lte?: unknown;
  gt?: unknown;
  gte?: unknown;
  contains?: string | null;
  hasAny?: string[] | null;
  hasAll?: string[] | null;
  isNull?: boolean | null;
}

const MAX_VALUES = 50;
const ORDERED = new Set([ContactFieldType.NUMBER, ContactFieldType.DATE]);
const TEXTUAL = new Set([ContactFieldType.TEXT, ContactFieldType.URL, ContactFieldType.EMAIL]);

const refuse = (message: LocalizedText) => invalidInput(message, { argument: 'filter' });

/**
 * The `customFields` key of the contact filter: conditions on the organization's custom fields,
 * each checked against its field's definition (unknown keys, operators the type has no meaning
 * for and values the field could never hold are refused) and compiled to SQL on the jsonb column.
 * Values are compared as JSON, so 12 matches 12.0.
 */
export function customFieldFilter(fields: readonly ContactField[], column = 'contact.customFields'): ComputedFilterField {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  return {
    kind: 'computed',
    toSql(input, bind) {
      const parts: string[] = [];
      for (const condition of input as CustomFieldCondition[]) {
        const field = byKey.get(condition.key);
        if (!field) throw refuse(text(crmFieldTexts.unknownField, { key: condition.key }));
        const value = () => `(${column} -> ${bind(field.key)})`;
        const json = (raw: unknown) => `CAST(${bind(JSON.stringify(checked(field, raw)))} AS jsonb)`;
        // Equality as containment ({"tier": "gold"}), which the GIN index on the column answers.
        const holds = (raw: unknown) => `${column} @> CAST(${bind(JSON.stringify({ [field.key]: raw }))} AS jsonb)`;
        const equal = (operator: string, raw: unknown) => {
          if (field.type === ContactFieldType.MULTI_SELECT) throw refuse(text(crmFieldTexts.listOperator, { label: field.label, operator }));
          return holds(checked(field, raw));
        };
        const ordered = () => {
          if (!ORDERED.has(field.type)) throw refuse(text(crmFieldTexts.unordered, { label: field.label, type: field.type.toUpperCase() }));
          // Only values of the field's JSON type take part (jsonb would otherwise order a string after every number).
          const type = field.type === ContactFieldType.NUMBER ? 'number' : 'string';
          return `(CASE WHEN jsonb_typeof(${value()}) = '${type}' THEN ${value()} END)`;
        };
        const options = (operator: string, raw: string[]) => {
          if (field.type !== ContactFieldType.MULTI_SELECT)
            throw refuse(text(crmFieldTexts.multiSelectOperator, { operator, label: field.label, type: field.type.toUpperCase() }));
          return checked(field, limited(raw)) as string[];
        };
        for (const [operator, raw] of Object.entries(condition)) {
          if (operator === 'key' || raw === undefined || raw === null) continue;
          switch (operator) {
            case 'eq':
              parts.push(equal(operator, raw));
              break;
            case 'neq':
              parts.push(`NOT (${equal(operator, raw)})`);
              break;
            case 'in': {
              const values = limited(raw as unknown[]).map((one) => equal(operator, one));
              parts.push(values.length ? `(${values.join(' OR ')})` : 'FALSE');
              break;
            }
            case 'lt':
              parts.push(`${ordered()} < ${json(raw)}`);
              break;
            case 'lte':
              parts.push(`${ordered()} <= ${json(raw)}`);
              break;
            case 'gt':
              parts.push(`${ordered()} > ${json(raw)}`);
              break;
            case 'gte':
              parts.push(`${ordered()} >= ${json(raw)}`);
              break;
            case 'contains':
              if (!TEXTUAL.has(field.type)) throw refuse(text(crmFieldTexts.containsOperator, { label: field.label, type: field.type.toUpperCase() }));
              parts.push(`(${column} ->> ${bind(field.key)}) ILIKE ${bind(`%${escapeLike(String(raw))}%`)}`);
              break;
            case 'hasAll':
              parts.push(holds(options(operator, raw as string[])));
              break;
            case 'hasAny': {
              const any = options(operator, raw as string[]).map((option) => holds([option]));
              parts.push(any.length ? `(${any.join(' OR ')})` : 'FALSE');
              break;
            }
            case 'isNull':
              parts.push(`${value()} IS ${raw ? '' : 'NOT '}NULL`);
              break;
            default:
              throw refuse(text(crmFieldTexts.unknownOperator, { operator }));
          }
        }
      }
      return parts;
    },
  };
}

/** `raw` when it is a value `field` can hold. */
function checked(field: ContactField, raw: unknown): unknown {
  const problem = valueProblem(field, raw);
  if (problem) throw refuse(problem);
  return raw;
}

function limited<T>(values: T[]): T[] {
  if (values.length > MAX_VALUES) throw refuse(text(crmFieldTexts.tooManyValues, { max: MAX_VALUES }));
  return values;
}
