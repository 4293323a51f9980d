/**
 * The fields of an aggregate whose changes its events report: `<x>.updated` carries the names of
 * the fields that changed, with their values before and after. Values compare as JSON, so dates,
 * arrays and objects compare by content, and undefined equals null.
 */
export class TrackedFields<T, K extends keyof T & string> {
  private constructor(readonly names: readonly K[]) {}

  /** The tracked fields of instances of `entity`, e.g. `TrackedFields.of(Deal, ['title', 'ownerId'])`. */
  static of<T, K extends keyof T & string>(_entity: abstract new (...args: never[]) => T, names: readonly K[]): TrackedFields<T, K> {
    return new TrackedFields<T, K>(names);
  }

  /** The tracked fields' values now: taken before a change, and again after it. */
  snapshot(entity: T): Pick<T, K> {
    return this.pick(entity, this.names);
  }

  /** The tracked fields whose values differ between two snapshots, in declaration order. */
  changed(before: Pick<T, K>, after: Pick<T, K>): K[] {
    return this.names.filter((name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null));
  }

  /** The values of `names` in `source`. */
  pick<F extends K>(source: Pick<T, K>, names: readonly F[]): Pick<T, F> {
    return Object.fromEntries(names.map((name) => [name, source[name]])) as Pick<T, F>;
  }

  /** An `<x>.updated` event's data: the changed fields with their values before and after; null when nothing changed. */
  change(before: Pick<T, K>, after: Pick<T, K>): { fields: K[]; before: Partial<Pick<T, K>>; after: Partial<Pick<T, K>> } | null {
    const fields = this.changed(before, after);
    return fields.length ? { fields, before: this.pick(before, fields), after: this.pick(after, fields) } : null;
  }
}

/** The snapshot type of a `TrackedFields`. */
export type SnapshotOf<Tracked> = Tracked extends TrackedFields<infer T, infer K> ? Pick<T, K> : never;
