import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

/** bigint columns as numbers: a chain's sequence stays far below 2^53. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/**
 * One entry of an organization's audit log: an event of a module that the module declared
 * audited, who did it (user or API key), from where, on what, and the changed fields. Entries
 * are never changed; each carries the hash of the previous one (`audit.entries`, see the migration).
 */
@Entity({ name: 'entries' })
@ObjectType('AuditEntry', { description: 'An entry of the audit log: a security or administrative event of your organization.' })
@Directive('@key(fields: "id")')
export class AuditEntry extends NodeEntity('AuditEntry') {
  @Column('uuid')
  orgId!: string;

  @Field(() => Int, { description: 'Position in the organization’s chain (1, 2, …).' })
  @Column('bigint', { transformer: bigintAsNumber })
  seq!: number;

  @Column('uuid')
  eventId!: string;

  @Field({ description: 'What happened: the event type, e.g. `user.sign_in_failed`, `api_key.created`, `task.deleted`.' })
  @Column('text')
  action!: string;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz')
  occurredAt!: Date;

  @Field(() => GraphQLDateTimeISO, { description: 'When the audit log recorded it (shortly after `occurredAt`).' })
  @Column('timestamptz')
  recordedAt!: Date;

  @Column('uuid', { nullable: true })
  actorUserId!: string | null;

  @Column('uuid', { nullable: true })
  actorApiKeyId!: string | null;

  @Column('text', { nullable: true })
  actorApiKeyName!: string | null;

  @Field(() => String, { nullable: true, description: 'The caller’s network address, as the gateway saw it.' })
  @Column('text', { nullable: true })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'The caller’s User-Agent.' })
  @Column('text', { nullable: true })
  userAgent!: string | null;

  @Field(() => String, { nullable: true, description: 'The type of what it happened to, e.g. `User`, `ApiKey`, `Task`.' })
  @Column('text', { nullable: true })
  targetType!: string | null;

  @Column('uuid', { nullable: true })
  targetId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'The event’s data as its module recorded it (for changes: `fields`, `before`, `after`).' })
  @Column('jsonb')
  data!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'The request that caused it (its `x-request-id`).' })
  @Column('text', { nullable: true })
  requestId!: string | null;

  @Field({ description: 'Hash of the previous entry of the chain (64 zeros before the first).' })
  @Column('text')
  prevHash!: string;

  @Field({ description: 'sha256 over this entry and `prevHash`.' })
  @Column('text')
  hash!: string;
}
