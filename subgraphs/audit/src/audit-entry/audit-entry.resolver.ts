import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AuditServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { AuditEntry } from './audit-entry.entity.js';
import {
  AuditEntryConnection,
  AuditEntryCreateInput,
  AuditEntryDeleteInput,
  AuditEntryDeletePayload,
  AuditEntryPayload,
  AuditEntryRestoreInput,
  AuditEntriesArgs,
  AuditEntryUpdateInput,
} from './audit-entry.inputs.js';
import { loadAuditEntry } from './audit-entry.loaders.js';

type Context = SubgraphContext<AuditServices>;

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  constructor(private readonly services: AuditServices) {}

  @Query(() => AuditEntry, { nullable: true, description: 'An audit entry of your organization, or null.' })
  auditEntry(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<AuditEntry | null> {
    requireOrgId(context.request);
    return loadAuditEntry(context, fromGlobalId('AuditEntry', id));
  }

  @Query(() => AuditEntryConnection, { nullable: true, description: 'Audit entries of your organization.' })
  auditEntries(@Args(() => AuditEntriesArgs) args: AuditEntriesArgs, @Ctx() context: Context): Promise<Connection<AuditEntry>> {
    return this.services.auditEntries.list(context.request, args);
  }

  @Mutation(() => AuditEntryPayload, { nullable: true })
  auditEntryCreate(@Arg('input', () => AuditEntryCreateInput) input: AuditEntryCreateInput, @Ctx() context: Context): Promise<AuditEntryPayload> {
    return mutationPayload(async () => ({ auditEntry: await this.services.auditEntries.create(context.request, input) }));
  }

  @Mutation(() => AuditEntryPayload, { nullable: true })
  auditEntryUpdate(@Arg('input', () => AuditEntryUpdateInput) input: AuditEntryUpdateInput, @Ctx() context: Context): Promise<AuditEntryPayload> {
    return mutationPayload(async () => ({ auditEntry: await this.services.auditEntries.update(context.request, input) }));
  }

  @Mutation(() => AuditEntryDeletePayload, { nullable: true, description: 'Move an audit entry to the trash (it can be restored).' })
  auditEntryDelete(@Arg('input', () => AuditEntryDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedAuditEntryId: await this.services.auditEntries.delete(context.request, input) }));
  }

  @Mutation(() => AuditEntryPayload, { nullable: true, description: 'Bring an audit entry back from the trash.' })
  auditEntryRestore(@Arg('input', () => AuditEntryRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<AuditEntryPayload> {
    return mutationPayload(async () => ({ auditEntry: await this.services.auditEntries.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() auditEntry: AuditEntry): UserRef {
    return UserRef.of(auditEntry.createdBy);
  }
}
