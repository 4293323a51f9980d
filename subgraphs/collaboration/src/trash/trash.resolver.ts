import { mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CollaborationServices } from '../services.js';
import { TrashItem } from './trash-item.entity.js';
import { TrashArgs, TrashDeleteInput, TrashDeletePayload, TrashItemConnection, TrashRestoreInput, TrashRestorePayload } from './trash.inputs.js';

type Context = SubgraphContext<CollaborationServices>;

@Resolver(() => TrashItem)
export class TrashResolver {
  constructor(private readonly services: CollaborationServices) {}

  @Query(() => TrashItemConnection, { nullable: true, description: 'Everything in the cell’s trash you may see, most recently deleted first.' })
  trash(@Args(() => TrashArgs) args: TrashArgs, @Ctx() context: Context): Promise<Connection<TrashItem>> {
    return this.services.trash.list(context.request, args);
  }

  @Mutation(() => TrashRestorePayload, { nullable: true, description: 'Take an object out of the trash (its module decides whether you may).' })
  trashRestore(@Arg('input', () => TrashRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<TrashRestorePayload> {
    return mutationPayload(async () => ({ item: await this.services.trash.restore(context.request, input.id) }));
  }

  @Mutation(() => TrashDeletePayload, { nullable: true, description: 'Delete an object in the trash for good (owners and admins).' })
  trashDelete(@Arg('input', () => TrashDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedId: await this.services.trash.purge(context.request, input.id) }));
  }
}
