import type { Database } from '../db/database.js';
import { maintenanceAccessSql } from '../db/maintenance-sql.js';
import { maintenanceRole, sqlIdentifier } from '../db/roles.js';
import { CURRENT_ORG_SQL } from '../db/tenant-sql.js';
import type { PublishedEvent } from './outbox.js';

/**
 * A consuming subgraph's record of the events it has handled, in its own schema. Delivery is at
 * least once — a crashed worker's job runs again, and after Redis lost its data the relays publish
 * recent events again — so the event worker skips an event its inbox already holds, and adds it
 * once every handler succeeded. (A crash between the handlers and that insert runs the handlers
 * again: each stays idempotent by itself; the inbox spares them every replay of a finished event.)
 */
export function eventInboxSql(schema: string): string {
  const table = `${sqlIdentifier(schema)}.event_inbox`;
  return `
CREATE TABLE ${table} (
  event_id uuid PRIMARY KEY,
  org_id uuid,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_inbox_handled_idx ON ${table} (handled_at);
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${table}
  USING (org_id IS NOT DISTINCT FROM ${CURRENT_ORG_SQL})
  WITH CHECK (org_id IS NOT DISTINCT FROM ${CURRENT_ORG_SQL});
${maintenanceAccessSql(schema, 'event_inbox', { policy: 'event_inbox_prune', select: ['handled_at'] })}GRANT DELETE ON ${table} TO ${sqlIdentifier(maintenanceRole(schema))};
CREATE POLICY event_inbox_prune_delete ON ${table} FOR DELETE TO ${sqlIdentifier(maintenanceRole(schema))} USING (true);
`;
}

/** The job that forgets handled events older than twice the replay window (daily). */
export const EVENT_INBOX_PRUNE_JOB = 'event-inbox-prune';
export const EVENT_INBOX_PRUNE_EVERY_MS = 24 * 60 * 60 * 1000;

export class EventInbox {
  private readonly table: string;

  constructor(private readonly db: Database) {
    this.table = `${sqlIdentifier(db.schema)}.event_inbox`;
  }

  async handled(event: PublishedEvent): Promise<boolean> {
    const rows: unknown[] = await this.db.transaction({ orgId: event.orgId, userId: null }, (em) =>
      em.query(`SELECT 1 FROM ${this.table} WHERE event_id = $1`, [event.id]),
    );
    return rows.length > 0;
  }

  async markHandled(event: PublishedEvent): Promise<void> {
    await this.db.transaction({ orgId: event.orgId, userId: null }, (em) =>
      em.query(`INSERT INTO ${this.table} (event_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.id, event.orgId]),
    );
  }

  /** Forgets, in every organization (as the maintenance role), events handled more than `olderThanMs` ago: no relay replays them any more. */
  async prune(olderThanMs: number): Promise<void> {
    await this.db.maintenanceTransaction((em) =>
      em.query(`DELETE FROM ${this.table} WHERE handled_at < now() - make_interval(secs => $1)`, [olderThanMs / 1000]),
    );
  }
}
