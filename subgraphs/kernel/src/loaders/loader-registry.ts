import DataLoader from 'dataloader';
import { observeBatchSize } from '../observability/subgraph-metrics.js';

/**
 * One registry per request: loaders are created on first use and live as long as the request, so
 * batching and caching never cross requests (or tenants).
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  /**
   * The request's loader named `name`, created from `batch` on first use. The name must identify
   * the batch function's meaning (e.g. "tasks.taskById"); the same name must always come with the
   * same function.
   */
  get<K, V, C = K>(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>): DataLoader<K, V, C> {
    let loader = this.loaders.get(name);
    if (!loader) {
      const observed: DataLoader.BatchLoadFn<K, V> = (keys) => {
        observeBatchSize(name, keys.length);
        return batch(keys);
      };
      loader = new DataLoader<K, V, C>(observed, options) as DataLoader<unknown, unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V, C>;
  }
}

/** Orders `rows` to match `keys` (the DataLoader contract), with null for a missing key. */
export function alignToKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups `rows` by key, in the order of `keys` (for one-to-many loaders). */
export function groupToKeys<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
