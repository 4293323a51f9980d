import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CrmServices } from '../services.js';
import { ContactField } from './custom-field.entity.js';
import {
  ContactFieldCreateInput,
  ContactFieldDeleteInput,
  ContactFieldDeletePayload,
  ContactFieldPayload,
  ContactFieldUpdateInput,
} from './custom-field.inputs.js';

type Context = SubgraphContext<CrmServices>;

@Resolver(() => ContactField)
export class ContactFieldResolver {
  constructor(private readonly services: CrmServices) {}

  @Query(() => [ContactField], { nullable: true, description: 'The custom fields your organization defined for contacts.' })
  contactFields(@Ctx() context: Context): Promise<ContactField[]> {
    return this.services.contactFields.list(context.request);
  }

  @Mutation(() => ContactFieldPayload, { nullable: true, description: 'Define a custom contact field (owners and admins).' })
  contactFieldCreate(@Arg('input', () => ContactFieldCreateInput) input: ContactFieldCreateInput, @Ctx() context: Context): Promise<ContactFieldPayload> {
    return mutationPayload(async () => ({
      contactField: await this.services.contactFields.create(context.request, { ...input, options: input.options ?? undefined }),
    }));
  }

  @Mutation(() => ContactFieldPayload, { nullable: true })
  contactFieldUpdate(@Arg('input', () => ContactFieldUpdateInput) input: ContactFieldUpdateInput, @Ctx() context: Context): Promise<ContactFieldPayload> {
    return mutationPayload(async () => ({ contactField: await this.services.contactFields.update(context.request, input) }));
  }

  @Mutation(() => ContactFieldDeletePayload, { nullable: true, description: 'Delete a custom field and its value on every contact.' })
  contactFieldDelete(@Arg('input', () => ContactFieldDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedContactFieldId: await this.services.contactFields.delete(context.request, input.id) }));
  }
}
