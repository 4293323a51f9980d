import { DeletePayload, IdInput, mutationPayload, UserError, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { CrmServices } from '../services.js';
import { ContactField, ContactFieldType } from './custom-field.entity.js';

type Context = SubgraphContext<CrmServices>;

@InputType()
class ContactFieldCreateInput {
  @Field({ description: 'Key of the value in Contact.customFields, e.g. "tier".' }) key!: string;
  @Field() label!: string;
  @Field(() => ContactFieldType) type!: ContactFieldType;
  @Field(() => [String], { nullable: true, description: 'For SELECT and MULTI_SELECT.' }) options?: string[] | null;
  @Field({ nullable: true, defaultValue: false }) required?: boolean;
}

@InputType({ description: 'The key and type of a field never change (delete it and define another).' })
class ContactFieldUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => [String], { nullable: true, description: 'The complete new list; an option in use cannot be removed.' }) options?: string[] | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
}

const ContactFieldDeleteInput = IdInput('ContactFieldDeleteInput');
const ContactFieldDeletePayload = DeletePayload('ContactFieldDeletePayload', 'deletedContactFieldId');

@ObjectType()
class ContactFieldPayload {
  @Field(() => ContactField, { nullable: true }) contactField?: ContactField;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@Resolver(() => ContactField)
export class ContactFieldResolver {
  constructor(private readonly services: CrmServices) {}

  @Query(() => [ContactField], { nullable: true, description: 'The custom fields your organization defined for contacts.' })
  contactFields(@Ctx() context: Context): Promise<ContactField[]> {
    return this.services.contactFields.list(context.request);
  }

  @Mutation(() => ContactFieldPayload, { nullable: true, description: 'Define a custom contact field (owners and admins).' })
  contactFieldCreate(@Arg('input', () => ContactFieldCreateInput) input: ContactFieldCreateInput, @Ctx() context: Context): Promise<ContactFieldPayload> {
    return mutationPayload(async () => ({ contactField: await this.services.contactFields.create(context.request, { ...input, options: input.options ?? undefined }) }));
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
