import { Field, ID, InputType } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import { sqlIdentifier } from '../db/roles.js';
import { tenantIsolationSql } from '../db/tenant-sql.js';
import { invalidInput } from '../errors/coded-error.js';
import type { TypedEvent } from '../events/contracts.js';
import type { ComputedFilterField } from '../filters/filter-sql.js';
import { fromGlobalId } from '../ids/global-id.js';
import { isUuid } from '../ids/uuid.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/*
 * Tags belong to the collaboration subgraph; a module whose lists filter by tag keeps a projection
 * of its own objects' taggings in its schema (`node_tags`), fed by collaboration's events. Events
 * may arrive more than once and out of order: each row keeps the id (a UUIDv7, time-ordered) of
 * the event that set it, and an older event never overwrites a newer one; a deleted tag is
 * remembered so that a late `entity.tagged` cannot bring it back. The projection trails a change
 * by the outbox relay's delay.
 */

const MAX_TAGS = 50;

/** The projection's tables (under the organization's row-level security), for a module's migration. */
export function nodeTagsSql(schema: string): string {
  const s = sqlIdentifier(schema);
  return `
CREATE TABLE ${s}.node_tags (
  org_id uuid NOT NULL,
  node_id uuid NOT NULL,
  tag_id uuid NOT NULL,
  tagged boolean NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (node_id, tag_id)
);
CREATE INDEX node_tags_tag_idx ON ${s}.node_tags (tag_id, node_id) WHERE tagged;
CREATE TABLE ${s}.deleted_tags (
  org_id uuid NOT NULL,
  tag_id uuid PRIMARY KEY
);
${tenantIsolationSql(schema, 'node_tags')}${tenantIsolationSql(schema, 'deleted_tags')}`;
}

/**
 * Keeps `<schema>.node_tags` for the module's own node types from collaboration's tag events. The
 * module wires it (the kernel knows no module's events), with collaboration's contracts:
 * `typedEventHandlers(collaborationEvents, { 'entity.tagged': (e) => projection.set(e, true),
 * 'entity.untagged': (e) => projection.set(e, false), 'tag.deleted': (e) => projection.forgetTag(e) })`.
 */
export class NodeTagProjection {
  constructor(
    private readonly db: Database,
    private readonly schema: string,
    private readonly types: readonly string[],
  ) {}

  /** A node of this module was tagged (`tagged`) or untagged with the tag `data.tagId`. */
  async set(event: TypedEvent<{ tagId: string }>, tagged: boolean): Promise<void> {
    const { tagId } = event.data;
    if (!event.orgId || !event.subject || !this.types.includes(event.subject.type) || !isUuid(tagId)) return;
    const s = sqlIdentifier(this.schema);
    await this.db.transaction({ orgId: event.orgId, userId: null }, (em) =>
      em.query(
        `INSERT INTO ${s}.node_tags (org_id, node_id, tag_id, tagged, event_id)
           SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM ${s}.deleted_tags WHERE tag_id = $3)
           ON CONFLICT (node_id, tag_id) DO UPDATE SET tagged = excluded.tagged, event_id = excluded.event_id
           WHERE node_tags.event_id < excluded.event_id`,
        [event.orgId, event.subject!.id, tagId, tagged, event.id],
      ),
    );
  }

  /** A tag (the event's subject) was deleted: it stays deleted, late taggings included. */
  async forgetTag(event: TypedEvent<unknown>): Promise<void> {
    if (!event.orgId || event.subject?.type !== 'Tag' || !isUuid(event.subject.id)) return;
    const s = sqlIdentifier(this.schema);
    await this.db.transaction({ orgId: event.orgId, userId: null }, async (em) => {
      await em.query(`INSERT INTO ${s}.deleted_tags (org_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.orgId, event.subject!.id]);
      await em.query(`DELETE FROM ${s}.node_tags WHERE tag_id = $1`, [event.subject!.id]);
    });
  }
}

/** Drops what the projection holds about purged objects, inside the purge's transaction. */
export async function forgetNodeTags(em: EntityManager, schema: string, nodeIds: string[]): Promise<void> {
  await em.query(`DELETE FROM ${sqlIdentifier(schema)}.node_tags WHERE node_id = ANY($1)`, [nodeIds]);
}

@InputType({ description: 'Conditions on an object’s tags (Tag ids; tags come from the collaboration module).' })
export class TagComparator {
  @Field(() => [ID], { nullable: true, description: 'Has at least one of these tags.' }) hasAny?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Has every one of these tags.' }) hasAll?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Has none of these tags.' }) hasNone?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: has no tag at all; false: has at least one.' }) isEmpty?: boolean | null;
}

/** The `tags` key of a filter: conditions on the projection, for the node whose id is at `nodeIdPath` (e.g. "task.id"). */
export function tagFilterField(schema: string, nodeIdPath: string): ComputedFilterField {
  const table = `${sqlIdentifier(schema)}.node_tags`;
  return {
    kind: 'computed',
    toSql(input, bind) {
      const comparator = input as TagComparator;
      const tagIds = (operator: string, ids: string[]) => {
        if (ids.length > MAX_TAGS) throw invalidInput(text(kernelMessages.tooManyTags, { operator, max: MAX_TAGS }), { argument: 'filter' });
        return [...new Set(ids.map((id, index) => fromGlobalId('Tag', id, `filter.tags.${operator}.${index}`)))];
      };
      const tagsOf = (ids?: string[]) =>
        `FROM ${table} nt WHERE nt.node_id = ${nodeIdPath} AND nt.tagged${ids ? ` AND nt.tag_id = ANY(CAST(${bind(ids)} AS uuid[]))` : ''}`;
      const parts: string[] = [];
      if (comparator.hasAny) {
        const ids = tagIds('hasAny', comparator.hasAny);
        parts.push(ids.length ? `EXISTS (SELECT 1 ${tagsOf(ids)})` : 'FALSE');
      }
      if (comparator.hasAll) {
        const ids = tagIds('hasAll', comparator.hasAll);
        if (ids.length) parts.push(`(SELECT count(*) ${tagsOf(ids)}) = ${ids.length}`);
      }
      if (comparator.hasNone) {
        const ids = tagIds('hasNone', comparator.hasNone);
        if (ids.length) parts.push(`NOT EXISTS (SELECT 1 ${tagsOf(ids)})`);
      }
      if (comparator.isEmpty !== undefined && comparator.isEmpty !== null) parts.push(`${comparator.isEmpty ? 'NOT ' : ''}EXISTS (SELECT 1 ${tagsOf()})`);
      return parts;
    },
  };
}
