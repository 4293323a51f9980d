import { invalidInput } from '../errors/coded-error.js';
import type { CursorValue } from '../relay/cursor.js';
import type { SortKey } from '../relay/paginate.js';
import { OrderDirection } from './comparators.js';

/** How one orderable field maps to SQL and to cursor values. */
export interface OrderField<T> {
  path: string;
  sqlType: string;
  valueOf: (row: T) => CursorValue;
}

export interface OrderInput {
  field: string;
  direction?: OrderDirection | null;
}

const MAX_ORDER_KEYS = 3;

/**
 * Sort keys for an `orderBy` argument: the requested fields (or the default), then the unique
 * `id` key so that every ordering is total and cursors are exact.
 */
export function sortKeysFor<T>(
  orderBy: readonly OrderInput[] | null | undefined,
  fields: Record<string, OrderField<T>>,
  fallback: readonly OrderInput[],
  id: OrderField<T>,
): SortKey<T>[] {
  const requested = orderBy?.length ? orderBy : fallback;
  if (requested.length > MAX_ORDER_KEYS) throw invalidInput(`orderBy accepts at most ${MAX_ORDER_KEYS} fields`, { argument: 'orderBy' });
  const keys = requested.map((order): SortKey<T> => {
    const field = fields[order.field];
    if (!field) throw invalidInput(`Cannot order by ${order.field}`, { argument: 'orderBy' });
    return { name: order.field, ...field, direction: order.direction ?? OrderDirection.ASC };
  });
  const lastDirection = keys.at(-1)?.direction ?? OrderDirection.ASC;
  return [...keys, { name: 'id', ...id, direction: lastDirection }];
}

/** ISO text of a date for cursors (null stays null). */
export const isoOrNull = (value: Date | null | undefined): string | null => (value ? value.toISOString() : null);
