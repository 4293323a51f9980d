import { toGlobalId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { GraphQLJSON } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { AuditServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { AuditEntry } from './audit-entry.entity.js';
import { AuditApiKey, AuditEntriesArgs, AuditEntryConnection } from './audit-entry.inputs.js';

type Context = SubgraphContext<AuditServices>;

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  constructor(private readonly services: AuditServices) {}

  @Query(() => AuditEntryConnection, { nullable: true, description: 'Your organization’s audit log, newest first (owners and admins).' })
  auditEntries(@Args(() => AuditEntriesArgs) args: AuditEntriesArgs, @Ctx() context: Context): Promise<Connection<AuditEntry>> {
    return this.services.auditEntries.list(context.request, args);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who acted (for an API key: the user who created it).' })
  actor(@Root() entry: AuditEntry): UserRef | null {
    return entry.actorUserId ? UserRef.of(entry.actorUserId) : null;
  }

  @FieldResolver(() => AuditApiKey, { nullable: true, description: 'The API key it was done with, if one.' })
  actorApiKey(@Root() entry: AuditEntry): AuditApiKey | null {
    return entry.actorApiKeyId ? { id: toGlobalId('ApiKey', entry.actorApiKeyId), name: entry.actorApiKeyName } : null;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The global id of what it happened to (it may no longer exist).' })
  targetId(@Root() entry: AuditEntry): string | null {
    return entry.targetType && entry.targetId ? toGlobalId(entry.targetType, entry.targetId) : null;
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'For a change: the changed fields’ values before.' })
  before(@Root() entry: AuditEntry): unknown {
    return entry.data.before ?? null;
  }

  @FieldResolver(() => GraphQLJSON, { nullable: true, description: 'For a change: the changed fields’ values after.' })
  after(@Root() entry: AuditEntry): unknown {
    return entry.data.after ?? null;
  }
}
