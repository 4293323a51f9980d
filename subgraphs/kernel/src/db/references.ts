import type { EntityManager } from 'typeorm';
import type { Database, WorkScope } from './database.js';

/**
 * An id a mutation input references: it must be a row of `table` (schema-qualified) that the
 * caller's organization can see. Foreign keys ignore row-level security, so without this check a
 * write could point at another organization's row; with it, "does not exist" and "another
 * organization's" are one answer, `notFound()`.
 */
export interface RowReference {
  table: string;
  /** The referenced uuid; null or undefined when the input leaves it out. */
  id: string | null | undefined;
  notFound: () => Error;
}

const TABLE = /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/;

/**
 * Refuses the first reference whose row is not visible in the transaction of `em` (which carries
 * the caller's `app.org_id`, so row-level security decides). One statement per table.
 */
export async function requireReferences(em: EntityManager, references: readonly RowReference[]): Promise<void> {
  const byTable = new Map<string, RowReference[]>();
  for (const reference of references) {
    if (reference.id === null || reference.id === undefined) continue;
    if (!TABLE.test(reference.table)) throw new Error(`Invalid table name: ${reference.table}`);
    byTable.set(reference.table, [...(byTable.get(reference.table) ?? []), reference]);
  }
  for (const [table, group] of byTable) {
    const rows: { id: string }[] = await em.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [[...new Set(group.map((r) => r.id!))]]);
    const visible = new Set(rows.map((row) => row.id));
    const missing = group.find((reference) => !visible.has(reference.id!));
    if (missing) throw missing.notFound();
  }
}

/**
 * `requireReferences` in the caller's transaction when it has one (`em`), else in a transaction of
 * its own (for checks made before the write's transaction) — never on a second connection while
 * the caller holds one.
 */
export function requireReferencesIn(db: Database, scope: WorkScope, references: readonly RowReference[], em?: EntityManager): Promise<void> {
  return em ? requireReferences(em, references) : db.transaction(scope, (own) => requireReferences(own, references));
}
