import { ConnectionArgs, fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Clause, ClauseVersion } from './clause.entity.js';
import {
  ClauseConnection,
  ClauseCreateInput,
  ClauseDeleteInput,
  ClauseDeletePayload,
  ClausePayload,
  ClauseRestoreInput,
  ClausesArgs,
  ClauseUpdateInput,
  ClauseVersionConnection,
} from './clause.inputs.js';
import { loadClause } from './clause.loaders.js';

type Context = SubgraphContext<DocumentsServices>;

@Resolver(() => Clause)
export class ClauseResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Query(() => Clause, { nullable: true, description: 'A clause of your organization’s library, or null.' })
  clause(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Clause | null> {
    requireOrgId(context.request);
    return loadClause(context, fromGlobalId('Clause', id));
  }

  @Query(() => ClauseConnection, { nullable: true, description: 'The clause library of your organization.' })
  clauses(@Args(() => ClausesArgs) args: ClausesArgs, @Ctx() context: Context): Promise<Connection<Clause>> {
    return this.services.clauses.list(context.request, args);
  }

  @Mutation(() => ClausePayload, { nullable: true, description: 'Add a clause to the library (its version 1).' })
  clauseCreate(@Arg('input', () => ClauseCreateInput) input: ClauseCreateInput, @Ctx() context: Context): Promise<ClausePayload> {
    return mutationPayload(async () => ({ clause: await this.services.clauses.create(context.request, input) }));
  }

  @Mutation(() => ClausePayload, { nullable: true, description: 'Change a clause; a new body is a new version.' })
  clauseUpdate(@Arg('input', () => ClauseUpdateInput) input: ClauseUpdateInput, @Ctx() context: Context): Promise<ClausePayload> {
    return mutationPayload(async () => ({ clause: await this.services.clauses.update(context.request, input) }));
  }

  @Mutation(() => ClauseDeletePayload, { nullable: true, description: 'Move a clause to the trash (it can be restored).' })
  clauseDelete(@Arg('input', () => ClauseDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedClauseId: await this.services.clauses.delete(context.request, input) }));
  }

  @Mutation(() => ClausePayload, { nullable: true, description: 'Bring a clause back from the trash.' })
  clauseRestore(@Arg('input', () => ClauseRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<ClausePayload> {
    return mutationPayload(async () => ({ clause: await this.services.clauses.restore(context.request, input) }));
  }

  @FieldResolver(() => ClauseVersionConnection, { description: 'Every version of its body, newest first.' })
  versions(@Root() clause: Clause, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: Context): Promise<Connection<ClauseVersion>> {
    return this.services.clauses.versions(context.request, clause, args);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() clause: Clause): UserRef {
    return UserRef.of(clause.createdBy);
  }
}

@Resolver(() => ClauseVersion)
export class ClauseVersionResolver {
  @FieldResolver(() => UserRef, { nullable: true, description: 'Who wrote this version.' })
  author(@Root() version: ClauseVersion): UserRef {
    return UserRef.of(version.authorId);
  }
}
