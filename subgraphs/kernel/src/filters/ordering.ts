import { invalidInput } from '../errors/coded-error.js';
import type { SortKey } from '../relay/paginate.js';
import { OrderDirection } from './comparators.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** How one orderable field maps to SQL (its cursor value is read back from the same column). */
export interface OrderField {
  path: string;
  sqlType: string;
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
export function sortKeysFor(
  orderBy: readonly OrderInput[] | null | undefined,
  fields: Record<string, OrderField>,
  fallback: readonly OrderInput[],
  id: OrderField,
): SortKey[] {
  const requested = orderBy?.length ? orderBy : fallback;
  if (requested.length > MAX_ORDER_KEYS) throw invalidInput(text(kernelMessages.tooManyOrderKeys, { max: MAX_ORDER_KEYS }), { argument: 'orderBy' });
  const keys = requested.map((order): SortKey => {
    const field = fields[order.field];
    if (!field) throw invalidInput(text(kernelMessages.cannotOrderBy, { field: order.field }), { argument: 'orderBy' });
    return { name: order.field, ...field, direction: order.direction ?? OrderDirection.ASC };
  });
  const lastDirection = keys.at(-1)?.direction ?? OrderDirection.ASC;
  return [...keys, { name: 'id', ...id, direction: lastDirection }];
}
