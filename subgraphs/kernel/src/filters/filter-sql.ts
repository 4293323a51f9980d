import { invalidInput } from '../errors/coded-error.js';
import { fromGlobalId } from '../ids/global-id.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** How one filterable field maps to SQL. */
export interface FilterField {
  /** Property path in the query, e.g. "task.title". */
  path: string;
  kind: 'string' | 'id' | 'datetime' | 'date' | 'decimal' | 'int' | 'boolean' | 'enum';
  /** For `id` fields: the entity type of the global ids (decoded to uuids). */
  idType?: string;
}

/**
 * A filter key whose input is not one column's comparator (e.g. conditions on an organization's
 * custom fields): it turns its input into SQL conditions, binding every value with `bind`.
 */
export interface ComputedFilterField {
  kind: 'computed';
  toSql(input: unknown, bind: (value: unknown) => string): string[];
}

export type FilterSpec = Record<string, FilterField | ComputedFilterField>;

const MAX_DEPTH = 5;
const MAX_CONDITIONS = 50;

type Comparator = Record<string, unknown>;
type Filter = Record<string, unknown> & { and?: Filter[] | null; or?: Filter[] | null; not?: Filter | null };

/**
 * Translates a `filter` argument (typed comparators combined with and/or/not) into one SQL
 * condition with named parameters. Every value is a bound parameter; field names come from the
 * spec, never from the client. Deep or very large filters are refused.
 */
export function filterToSql(
  filter: Filter | null | undefined,
  spec: FilterSpec,
  paramPrefix = 'filter',
): { sql: string; params: Record<string, unknown> } | null {
  if (!filter) return null;
  const params: Record<string, unknown> = {};
  let conditions = 0;
  const bind = (value: unknown) => {
    const name = `${paramPrefix}${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  };
  const bindList = (values: unknown[]) => {
    const name = `${paramPrefix}${Object.keys(params).length}`;
    params[name] = values;
    return `(:...${name})`;
  };

  const count = (added: number) => {
    conditions += added;
    if (conditions > MAX_CONDITIONS) throw invalidInput(text(kernelMessages.tooManyConditions, { max: MAX_CONDITIONS }), { argument: 'filter' });
  };

  const comparatorSql = (field: FilterField, fieldName: string, comparator: Comparator): string[] => {
    const parts: string[] = [];
    const value = (raw: unknown) => (field.kind === 'id' ? fromGlobalId(field.idType!, String(raw), `filter.${fieldName}`) : raw);
    for (const [operator, raw] of Object.entries(comparator)) {
      if (raw === undefined || raw === null) continue;
      count(1);
      const path = field.path;
      switch (operator) {
        case 'eq':
          parts.push(`${path} = ${bind(value(raw))}`);
          break;
        case 'neq':
          parts.push(`${path} IS DISTINCT FROM ${bind(value(raw))}`);
          break;
        case 'in':
        case 'nin': {
          const values = (raw as unknown[]).map(value);
          if (values.length === 0) parts.push(operator === 'in' ? 'FALSE' : 'TRUE');
          else parts.push(operator === 'in' ? `${path} IN ${bindList(values)}` : `(${path} NOT IN ${bindList(values)} OR ${path} IS NULL)`);
          break;
        }
        case 'lt':
          parts.push(`${path} < ${bind(raw)}`);
          break;
        case 'lte':
          parts.push(`${path} <= ${bind(raw)}`);
          break;
        case 'gt':
          parts.push(`${path} > ${bind(raw)}`);
          break;
        case 'gte':
          parts.push(`${path} >= ${bind(raw)}`);
          break;
        case 'contains':
          parts.push(`${path} ILIKE ${bind(`%${escapeLike(String(raw))}%`)}`);
          break;
        case 'startsWith':
          parts.push(`${path} ILIKE ${bind(`${escapeLike(String(raw))}%`)}`);
          break;
        case 'isNull':
          parts.push(raw ? `${path} IS NULL` : `${path} IS NOT NULL`);
          break;
        default:
          throw invalidInput(text(kernelMessages.unknownOperator, { operator }), { argument: 'filter' });
      }
    }
    return parts;
  };

  const visit = (node: Filter, depth: number): string => {
    if (depth > MAX_DEPTH) throw invalidInput(text(kernelMessages.filterTooDeep, { max: MAX_DEPTH }), { argument: 'filter' });
    const parts: string[] = [];
    for (const [key, raw] of Object.entries(node)) {
      if (raw === undefined || raw === null) continue;
      if (key === 'and' || key === 'or') {
        const children = (raw as Filter[]).map((child) => visit(child, depth + 1));
        if (children.length) parts.push(`(${children.map((child) => `(${child})`).join(key === 'and' ? ' AND ' : ' OR ')})`);
      } else if (key === 'not') {
        parts.push(`NOT (${visit(raw as Filter, depth + 1)})`);
      } else {
        const field = spec[key];
        if (!field) throw invalidInput(text(kernelMessages.unknownFilterField, { field: key }), { argument: 'filter' });
        if (field.kind === 'computed') {
          const computed = field.toSql(raw, bind);
          count(computed.length);
          parts.push(...computed);
        } else parts.push(...comparatorSql(field, key, raw as Comparator));
      }
    }
    return parts.length ? parts.join(' AND ') : 'TRUE';
  };

  return { sql: `(${visit(filter, 1)})`, params };
}

/** Whether `filter` has a condition on `key` at any depth of and/or/not (e.g. to load what its computed field needs). */
export function filterUses(filter: Filter | null | undefined, key: string): boolean {
  if (!filter) return false;
  if (filter[key] !== undefined && filter[key] !== null) return true;
  return [...(filter.and ?? []), ...(filter.or ?? []), filter.not].some((child) => filterUses(child, key));
}

/** `text` with LIKE wildcards escaped, to match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
