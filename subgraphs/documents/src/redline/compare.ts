import { readFields } from './fields.js';

/** How one field differs between two versions (null: the version has no such section). */
export interface FieldDifference {
  field: string;
  from: string | null;
  to: string | null;
}

/**
 * The fields that differ between two versions of content, field by field: those of `to` in its
 * order, then those only `from` has.
 */
export function compareFields(fromHtml: string, toHtml: string): FieldDifference[] {
  const from = readFields(fromHtml);
  const to = readFields(toHtml);
  const differences: FieldDifference[] = [];
  for (const [field, value] of to) {
    const before = from.get(field) ?? null;
    if (before !== value) differences.push({ field, from: before, to: value });
  }
  for (const [field, value] of from) if (!to.has(field)) differences.push({ field, from: value, to: null });
  return differences;
}
