import {
  AggregateAccess,
  filterToSql,
  parseGlobalId,
  paginate,
  requireOrgId,
  invalidInput,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type RequestContext,
  type SortKey,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity.js';
import { auditEntryNotFound } from './audit-entry.errors.js';
import type { AuditEntriesArgs, AuditEntryFilter } from './audit-entry.inputs.js';
import { auditErrorTexts } from '../messages.js';

/** The permission the audit log needs: `manage` on it, which owners and admins hold (members, guests and API keys do not). */
export const AUDIT_LOG = 'AuditEntry';

const filterSpec: FilterSpec = {
  action: { path: 'entry.action', kind: 'string' },
  actor: { path: 'entry.actorUserId', kind: 'id', idType: 'User' },
  actorApiKey: { path: 'entry.actorApiKeyId', kind: 'id', idType: 'ApiKey' },
  targetType: { path: 'entry.targetType', kind: 'string' },
  target: {
    kind: 'computed',
    toSql(input, bind) {
      const target = typeof input === 'string' ? parseGlobalId(input) : null;
      if (!target) throw invalidInput(auditErrorTexts.targetNotGlobalId, { argument: 'filter.target' });
      return [`entry.target_type = ${bind(target.typeName)}`, `entry.target_id = ${bind(target.uuid)}`];
    },
  },
  occurredAt: { path: 'entry.occurredAt', kind: 'datetime' },
  seq: { path: 'entry.seq', kind: 'int' },
};

/** Newest first: the chain's order, reversed. `seq` is unique per organization, the id makes it total anyway. */
const NEWEST_FIRST: SortKey[] = [
  { name: 'seq', path: 'entry.seq', direction: 'DESC', sqlType: 'bigint' },
  { name: 'id', path: 'entry.id', direction: 'DESC', sqlType: 'uuid' },
];

/** Reading the audit log: owners and admins of the organization only. */
export class AuditEntryService {
  readonly access: AggregateAccess<AuditEntry>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: AUDIT_LOG,
      entity: AuditEntry,
      table: 'audit.entries',
      notFound: auditEntryNotFound,
      readableOf: async (request, rows) => {
        const allowed = rows.length ? await this.authz.can(request, 'manage', AUDIT_LOG) : false;
        return rows.map(() => allowed);
      },
    });
  }

  /** FORBIDDEN unless the caller may read the audit log. */
  async requireReader(request: RequestContext): Promise<void> {
    requireOrgId(request);
    await this.authz.require(request, 'manage', AUDIT_LOG);
  }

  async list(request: RequestContext, args: AuditEntriesArgs): Promise<Connection<AuditEntry>> {
    await this.requireReader(request);
    return paginate({ db: this.db, scope: request, build: (em) => this.query(em, args.filter), sort: NEWEST_FIRST, args });
  }

  /** Every entry matching `filter`, oldest first, in batches (exports). */
  async *matching(request: RequestContext, filter: AuditEntryFilter | null | undefined, batch = 500): AsyncGenerator<AuditEntry[]> {
    await this.requireReader(request);
    let after = 0;
    for (;;) {
      const rows = await this.db.transaction(request, (em) =>
        this.query(em, filter).andWhere('entry.seq > :after', { after }).orderBy('entry.seq', 'ASC').take(batch).getMany(),
      );
      if (!rows.length) return;
      yield rows;
      after = rows.at(-1)!.seq;
    }
  }

  private query(em: EntityManager, filter: AuditEntryFilter | null | undefined) {
    const query = em.createQueryBuilder(AuditEntry, 'entry');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
