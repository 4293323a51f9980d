import type { EntityManager } from 'typeorm';
import { Arg, Ctx, Mutation, Resolver, type ClassType } from 'type-graphql';
import type { Authorizer } from '../authz/authorizer.js';
import { requireOrgId } from '../context/guards.js';
import type { RequestContext, SubgraphContext } from '../context/request-context.js';
import { DeletePayload, IdInput, mutationPayload, userError } from '../errors/user-errors.js';
import { fromGlobalId } from '../ids/global-id.js';
import type { Database } from './database.js';
import { dropPolicySql, maintenanceAccessSql } from './maintenance-sql.js';
import { sqlIdentifier } from './roles.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** Days an object stays in the trash before it is deleted for good. */
export const TRASH_RETENTION_DAYS = 30;
export const TRASH_SWEEP_JOB = 'trash.sweep';
const SWEEP_BATCH = 200;

/** A soft-deletable entity type of a subgraph and how to delete it for good. */
export interface TrashSpec {
  /** The entity type, e.g. Task; its purge mutation is `taskPurge`. */
  type: string;
  /** Its table in the subgraph's schema (with `id`, `org_id` and `deleted_at`). */
  table: string;
  /** Prefix of its events, e.g. "task": the purge emits `task.purged`. */
  event: string;
  /**
   * Deletes the rows and what hangs on them, inside the purge's transaction; returns the other
   * entities it purged with them (e.g. a contact's deals), which get their own `purged` events.
   * Default: deletes the rows (foreign keys cascade).
   */
  purge?: (em: EntityManager, ids: string[]) => Promise<{ spec: TrashSpec; ids: string[] }[]>;
}

/**
 * The setting-based sweep policy earlier migrations applied (kept byte for byte for their
 * checksums); `trashSweepAccessSql` replaces it.
 */
export function trashSweepPolicySql(schema: string, table: string): string {
  return `CREATE POLICY trash_sweep ON ${sqlIdentifier(schema)}.${sqlIdentifier(table)} FOR SELECT USING (current_setting('app.trash_sweep', true) = 'on');\n`;
}

/**
 * Lets the trash sweep — the subgraph's maintenance role — find what is in the trash of every
 * organization (ids, organizations and deletion times; read only); one per trash table. Drops
 * the setting-based policy of earlier migrations.
 */
export function trashSweepAccessSql(schema: string, table: string): string {
  return (
    dropPolicySql(schema, table, 'trash_sweep') +
    maintenanceAccessSql(schema, table, { policy: 'trash_sweep', select: ['id', 'org_id', 'deleted_at'], rows: 'deleted_at IS NOT NULL' })
  );
}

const lowerFirst = (text: string) => `${text[0]!.toLowerCase()}${text.slice(1)}`;

/**
 * Deletes objects for good: on request (`<type>Purge`, for whoever may `manage` the object, only
 * from the trash) and after TRASH_RETENTION_DAYS in the trash (an hourly sweep). Every purged
 * object emits `<event>.purged`, so other subgraphs drop what they hold about it (links, comments).
 */
export class TrashKeeper {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    readonly specs: readonly TrashSpec[],
    private readonly retentionDays = TRASH_RETENTION_DAYS,
  ) {}

  async purge(request: RequestContext, spec: TrashSpec, globalId: string): Promise<string> {
    const id = fromGlobalId(spec.type, globalId);
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', spec.type, id);
    await this.db.transaction(request, async (em) => {
      const [row] = (await em.query(`SELECT id FROM ${this.table(spec)} WHERE id = $1 AND deleted_at IS NOT NULL FOR UPDATE`, [id])) as { id: string }[];
      if (!row)
        throw userError(`${spec.event.toUpperCase()}_NOT_IN_TRASH`, text(kernelMessages.notInTrash, { type: spec.type.toLowerCase() }), ['input', 'id']);
      await this.purgeRows(em, orgId, spec, [id]);
    });
    return globalId;
  }

  /** Purges what has been in the trash longer than the retention, organization by organization. */
  async sweep(): Promise<number> {
    let purged = 0;
    for (const spec of this.specs) {
      const skipped: string[] = [];
      for (;;) {
        const expired: { org_id: string; id: string }[] = await this.db.maintenanceTransaction((em) =>
          em.query(
            `SELECT org_id, id FROM ${this.table(spec)} WHERE deleted_at < now() - make_interval(days => $1) AND id <> ALL($2::uuid[]) ORDER BY deleted_at LIMIT ${SWEEP_BATCH}`,
            [this.retentionDays, skipped],
          ),
        );
        if (!expired.length) break;
        const byOrg = new Map<string, string[]>();
        for (const row of expired) byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row.id]);
        for (const [orgId, ids] of byOrg) purged += await this.sweepOrg(orgId, spec, ids, skipped);
        if (expired.length < SWEEP_BATCH) break;
      }
    }
    return purged;
  }

  /**
   * Purges one organization's expired ids; when the batch fails, each id alone, so one row that
   * cannot go (recorded in `skipped`, and logged) never holds back the rest of the sweep.
   */
  private async sweepOrg(orgId: string, spec: TrashSpec, ids: string[], skipped: string[]): Promise<number> {
    const purge = (batch: string[]) => this.db.transaction({ orgId, userId: null }, (em) => this.purgeRows(em, orgId, spec, batch));
    try {
      await purge(ids);
      return ids.length;
    } catch {
      let purged = 0;
      for (const id of ids) {
        try {
          await purge([id]);
          purged += 1;
        } catch (error) {
          skipped.push(id);
          this.db.logger.error({ err: error, orgId, type: spec.type, id }, 'trash sweep could not purge an object');
        }
      }
      return purged;
    }
  }

  private async purgeRows(em: EntityManager, orgId: string, spec: TrashSpec, ids: string[]): Promise<void> {
    const also = spec.purge ? await spec.purge(em, ids) : [];
    if (!spec.purge) await em.query(`DELETE FROM ${this.table(spec)} WHERE id = ANY($1)`, [ids]);
    for (const { spec: purgedSpec, ids: purgedIds } of [{ spec, ids }, ...also]) {
      for (const id of purgedIds) await this.db.emit(em, { type: `${purgedSpec.event}.purged`, orgId, subject: { type: purgedSpec.type, id }, data: {} });
    }
  }

  private table(spec: TrashSpec): string {
    return `${sqlIdentifier(this.db.schema)}.${sqlIdentifier(spec.table)}`;
  }
}

/**
 * The `<type>Purge(input: { id })` mutations of a subgraph's trash specs, as one resolver class
 * (built per subgraph; its instance is given the subgraph's TrashKeeper).
 */
export function trashPurgeResolver(specs: readonly TrashSpec[]): ClassType {
  @Resolver()
  class TrashPurgeResolver {
    constructor(readonly keeper: TrashKeeper) {}
  }
  for (const spec of specs) {
    const name = `${lowerFirst(spec.type)}Purge`;
    const Input = IdInput(`${spec.type}PurgeInput`, `The ${spec.type.toLowerCase()} in the trash.`);
    const Payload = DeletePayload(`${spec.type}PurgePayload`, `deleted${spec.type}Id`, `Id of the ${spec.type.toLowerCase()} deleted for good.`);
    const method = function (this: TrashPurgeResolver, input: { id: string }, context: SubgraphContext) {
      return mutationPayload(async () => ({ [`deleted${spec.type}Id`]: await this.keeper.purge(context.request, spec, input.id) }));
    };
    Object.defineProperty(TrashPurgeResolver.prototype, name, { value: method, writable: true, configurable: true });
    const descriptor = Object.getOwnPropertyDescriptor(TrashPurgeResolver.prototype, name)!;
    Reflect.defineMetadata('design:paramtypes', [Input, Object], TrashPurgeResolver.prototype, name);
    Reflect.defineMetadata('design:returntype', Promise, TrashPurgeResolver.prototype, name);
    Arg('input', () => Input)(TrashPurgeResolver.prototype, name, 0);
    Ctx()(TrashPurgeResolver.prototype, name, 1);
    Mutation(() => Payload, {
      nullable: true,
      description: `Delete a ${spec.type.toLowerCase()} in the trash for good (owners and admins); after ${TRASH_RETENTION_DAYS} days in the trash this happens by itself.`,
    })(TrashPurgeResolver.prototype, name, descriptor);
  }
  return TrashPurgeResolver;
}
