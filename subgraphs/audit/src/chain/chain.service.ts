import { uuidv7, type Database, type Logger, type PublishedEvent, type RequestContext } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { entryHash, type HashedEntry } from './chain-hash.js';

/** A published event of an organization: what the chain records. */
type AuditableEvent = PublishedEvent & { orgId: string };

interface EntryRow {
  id: string;
  seq: string;
  event_id: string;
  action: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_api_key_name: string | null;
  client_address: string | null;
  user_agent: string | null;
  target_type: string | null;
  target_id: string | null;
  data: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** Why a chain is not intact, at its first bad entry. */
export type ChainBreak = 'MISSING_ENTRY' | 'PREVIOUS_HASH_MISMATCH' | 'HASH_MISMATCH' | 'HEAD_MISMATCH';

export interface Verification {
  intact: boolean;
  checkedEntries: number;
  /** The last position of the chain (0: empty). */
  headSeq: number;
  /** Where retention cut the chain: entries up to it were removed. */
  anchorSeq: number;
  firstBrokenSeq: number | null;
  firstBrokenEntryId: string | null;
  reason: ChainBreak | null;
}

const VERIFY_BATCH = 1_000;

/**
 * Each organization's hash chain: appends (one at a time per organization: the chain's row is
 * locked, so two appends never fork it; an event already recorded is skipped, so a redelivery
 * appends nothing), verification, and the retention job.
 */
export class AuditChain {
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /** Records a module's published event in its organization's chain (once). Events without an organization have no chain. */
  async record(event: PublishedEvent): Promise<void> {
    if (!event.orgId) {
      this.logger.debug({ eventId: event.id, type: event.type }, 'audit: an event outside any organization is not recorded');
      return;
    }
    const { orgId } = event;
    await this.db.transaction({ orgId, userId: null }, (em) => this.append(em, { ...event, orgId }));
  }

  /** Appends under the chain's lock, in a transaction of `event.orgId`. */
  private async append(em: EntityManager, event: AuditableEvent): Promise<void> {
    await em.query('INSERT INTO audit.chains (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING', [event.orgId]);
    const [head] = (await em.query('SELECT head_seq, head_hash FROM audit.chains WHERE org_id = $1 FOR UPDATE', [event.orgId])) as {
      head_seq: string;
      head_hash: string;
    }[];
    const [known] = (await em.query('SELECT 1 FROM audit.entries WHERE event_id = $1', [event.id])) as unknown[];
    if (known) return; // a redelivered event: recorded already
    const entry: HashedEntry = {
      orgId: event.orgId,
      seq: Number(head!.head_seq) + 1,
      eventId: event.id,
      action: event.type,
      occurredAt: new Date(event.occurredAt).toISOString(),
      actorUserId: event.actorId,
      actorApiKeyId: event.actorApiKey?.id ?? null,
      actorApiKeyName: event.actorApiKey?.name ?? null,
      clientAddress: event.origin?.clientAddress ?? null,
      userAgent: event.origin?.userAgent ?? null,
      targetType: event.subject?.type ?? null,
      targetId: event.subject?.id ?? null,
      data: event.data ?? {},
      requestId: event.requestId,
      prevHash: head!.head_hash,
    };
    const hash = entryHash(entry);
    await em.query(
      `INSERT INTO audit.entries (id, org_id, seq, event_id, action, occurred_at, actor_user_id, actor_api_key_id, actor_api_key_name,
         client_address, user_agent, target_type, target_id, data, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        uuidv7(),
        entry.orgId,
        entry.seq,
        entry.eventId,
        entry.action,
        entry.occurredAt,
        entry.actorUserId,
        entry.actorApiKeyId,
        entry.actorApiKeyName,
        entry.clientAddress,
        entry.userAgent,
        entry.targetType,
        entry.targetId,
        JSON.stringify(entry.data),
        entry.requestId,
        entry.prevHash,
        hash,
      ],
    );
    await em.query('UPDATE audit.chains SET head_seq = $2, head_hash = $3, updated_at = now() WHERE org_id = $1', [event.orgId, entry.seq, hash]);
  }

  /**
   * Recomputes the organization's chain from its anchor: every position present, each entry's
   * `prev_hash` the previous entry's hash, each hash what its fields give, and the last entry the
   * chain's head (so entries removed from the end are noticed too). Reports the first break.
   */
  async verify(orgId: string): Promise<Verification> {
    return this.db.transaction({ orgId, userId: null }, async (em) => {
      const [chain] = (await em.query('SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit.chains WHERE org_id = $1', [orgId])) as {
        head_seq: string;
        head_hash: string;
        anchor_seq: string;
        anchor_hash: string;
      }[];
      if (!chain) return { intact: true, checkedEntries: 0, headSeq: 0, anchorSeq: 0, firstBrokenSeq: null, firstBrokenEntryId: null, reason: null };
      const headSeq = Number(chain.head_seq);
      const anchorSeq = Number(chain.anchor_seq);
      const broken = (seq: number, entryId: string | null, reason: ChainBreak, checked: number): Verification => ({
        intact: false,
        checkedEntries: checked,
        headSeq,
        anchorSeq,
        firstBrokenSeq: seq,
        firstBrokenEntryId: entryId,
        reason,
      });
      let expected = anchorSeq + 1;
      let previous = chain.anchor_hash;
      let checked = 0;
      for (;;) {
        const rows = (await em.query(
          `SELECT id, seq, event_id, action, occurred_at, actor_user_id, actor_api_key_id, actor_api_key_name, client_address, user_agent,
                  target_type, target_id, data, request_id, prev_hash, hash
             FROM audit.entries WHERE org_id = $1 AND seq >= $2 ORDER BY seq LIMIT ${VERIFY_BATCH}`,
          [orgId, expected],
        )) as EntryRow[];
        for (const row of rows) {
          const seq = Number(row.seq);
          if (seq !== expected) return broken(expected, null, 'MISSING_ENTRY', checked);
          if (row.prev_hash !== previous) return broken(seq, row.id, 'PREVIOUS_HASH_MISMATCH', checked);
          if (entryHash(hashedOf(orgId, row)) !== row.hash) return broken(seq, row.id, 'HASH_MISMATCH', checked);
          previous = row.hash;
          expected += 1;
          checked += 1;
        }
        if (rows.length < VERIFY_BATCH) break;
      }
      if (expected - 1 !== headSeq || previous !== chain.head_hash)
        return broken(expected, null, expected - 1 < headSeq ? 'MISSING_ENTRY' : 'HEAD_MISMATCH', checked);
      return { intact: true, checkedEntries: checked, headSeq, anchorSeq, firstBrokenSeq: null, firstBrokenEntryId: null, reason: null };
    });
  }

  /** Sets how many days entries are kept (null: for ever); the change is an audited event. */
  async setRetention(request: RequestContext, orgId: string, days: number | null): Promise<number | null> {
    return this.db.transaction(request, async (em) => {
      await em.query('INSERT INTO audit.chains (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING', [orgId]);
      const [chain] = (await em.query('SELECT retention_days FROM audit.chains WHERE org_id = $1 FOR UPDATE', [orgId])) as { retention_days: number | null }[];
      const before = chain!.retention_days;
      if (before === days) return days;
      await em.query('UPDATE audit.chains SET retention_days = $2, updated_at = now() WHERE org_id = $1', [orgId, days]);
      const data = { fields: ['retentionDays'], before: { retentionDays: before }, after: { retentionDays: days } };
      await this.db.emit(em, { type: 'audit.retention_changed', orgId, data });
      return days;
    });
  }

  async retentionOf(orgId: string): Promise<number | null> {
    const [chain] = (await this.db.transaction({ orgId, userId: null }, (em) =>
      em.query('SELECT retention_days FROM audit.chains WHERE org_id = $1', [orgId]),
    )) as {
      retention_days: number | null;
    }[];
    return chain?.retention_days ?? null;
  }

  /**
   * The retention job: for each organization with a retention, removes the entries recorded before
   * it from the start of its chain (`audit.prune_expired`, the maintenance role's only right here).
   */
  async pruneExpired(): Promise<number> {
    const orgs = (await this.db.maintenanceTransaction((em) => em.query('SELECT org_id FROM audit.chains WHERE retention_days IS NOT NULL'))) as {
      org_id: string;
    }[];
    let removed = 0;
    for (const { org_id: orgId } of orgs) {
      const [result] = (await this.db.maintenanceTransaction((em) => em.query('SELECT audit.prune_expired($1) AS removed', [orgId]))) as { removed: number }[];
      removed += result?.removed ?? 0;
    }
    if (removed) this.logger.info({ removed, organizations: orgs.length }, 'audit: expired entries removed');
    return removed;
  }
}

function hashedOf(orgId: string, row: EntryRow): HashedEntry {
  return {
    orgId,
    seq: Number(row.seq),
    eventId: row.event_id,
    action: row.action,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorApiKeyId: row.actor_api_key_id,
    actorApiKeyName: row.actor_api_key_name,
    clientAddress: row.client_address,
    userAgent: row.user_agent,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  };
}
