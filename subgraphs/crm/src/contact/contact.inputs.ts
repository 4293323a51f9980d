import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  EnumComparator,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  TagComparator,
  UserError,
} from '@cellgraph/kernel';
import { GraphQLJSON, GraphQLJSONObject } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Contact, ContactSource, ContactStatus, ContactType } from './contact.entity.js';

@InputType()
export class ContactCreateInput {
  @Field(() => ContactType, { nullable: true, description: 'Defaults to LEAD.' }) type?: ContactType | null;
  @Field(() => ContactStatus, { nullable: true, description: 'Defaults to ACTIVE.' }) status?: ContactStatus | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: 'Unique among the organization’s contacts (ignoring case).' }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) jobTitle?: string | null;
  @Field(() => String, { nullable: true }) avatarUrl?: string | null;
  @Field(() => ContactSource, { nullable: true }) source?: ContactSource | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Values of the organization’s custom contact fields, by key.' }) customFields?: Record<
    string,
    unknown
  > | null;
  @Field(() => ID, { nullable: true, description: 'A stage of a LEAD or ONBOARDING pipeline.' }) stageId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The member who owns the relationship.' }) assignedToId?: string | null;
  @IdempotencyKeyField() idempotencyKey?: string | null;
}

@InputType({ description: 'Fields left out are unchanged; fields set to null are cleared.' })
export class ContactUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => ContactType, { nullable: true, description: 'To turn a lead into a client, use contactConvert.' }) type?: ContactType | null;
  @Field(() => ContactStatus, { nullable: true }) status?: ContactStatus | null;
  @Field(() => String, { nullable: true }) firstName?: string | null;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) company?: string | null;
  @Field(() => String, { nullable: true }) jobTitle?: string | null;
  @Field(() => String, { nullable: true }) avatarUrl?: string | null;
  @Field(() => ContactSource, { nullable: true }) source?: ContactSource | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Keys given are set; a key set to null is removed; other keys are kept.' })
  customFields?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true }) stageId?: string | null;
  @Field(() => ID, { nullable: true }) assignedToId?: string | null;
}

@InputType()
export class ContactConvertInput {
  @Field(() => ID) id!: string;
  @Field(() => ContactType, { defaultValue: ContactType.CLIENT, description: 'What the lead becomes.' }) type!: ContactType;
}

@InputType({
  description: 'Merges a duplicate into a contact: its deals and interactions move over, its blank fields fill the contact’s, and it goes to the trash.',
})
export class ContactMergeInput {
  @Field(() => ID, { description: 'The contact that remains.' }) id!: string;
  @Field(() => ID, { description: 'The duplicate merged into it.' }) duplicateId!: string;
}

@InputType()
export class ContactCreateBatchInput {
  @Field(() => [ContactCreateInput], { description: 'At most 100 contacts.' }) contacts!: ContactCreateInput[];
  @Field({ defaultValue: true, description: 'true: all are created or none (every row’s errors are reported); false: each valid row is created.' })
  atomic!: boolean;
}

export const ContactDeleteInput = IdInput('ContactDeleteInput');
export const ContactRestoreInput = IdInput('ContactRestoreInput');

@ObjectType()
export class ContactPayload {
  @Field(() => Contact, { nullable: true }) contact?: Contact;
  @Field(() => Contact, { nullable: true, description: 'The existing contact with the same e-mail, when that is why the mutation failed.' })
  duplicateContact?: Contact;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class ContactCreateBatchPayload {
  @Field(() => [Contact], { nullable: 'itemsAndList', description: 'One entry per input row, in order; null for a row that was not created.' })
  contacts?: (Contact | null)[];
  @Field(() => [UserError], { description: 'Each row’s errors, at ["input", "contacts", index, …].' }) userErrors!: UserError[];
}

export const ContactDeletePayload = DeletePayload('ContactDeletePayload', 'deletedContactId', 'Id of the contact moved to the trash.');

const ContactTypeComparator = EnumComparator(ContactType, 'ContactType');
const ContactStatusComparator = EnumComparator(ContactStatus, 'ContactStatus');
const ContactSourceComparator = EnumComparator(ContactSource, 'ContactSource');

@InputType({
  description:
    'Conditions on one custom field (ContactField.key). Values are JSON of the field’s type — text, a number, true/false, a date "2026-11-22", an option — and are checked against its definition.',
})
export class ContactCustomFieldComparator {
  @Field() key!: string;
  @Field(() => GraphQLJSON, { nullable: true }) eq?: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) neq?: unknown;
  @Field(() => [GraphQLJSON], { nullable: true }) in?: unknown[] | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'NUMBER and DATE fields.' }) lt?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'NUMBER and DATE fields.' }) lte?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'NUMBER and DATE fields.' }) gt?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'NUMBER and DATE fields.' }) gte?: unknown;
  @Field(() => String, { nullable: true, description: 'TEXT, URL and EMAIL fields: contains the text, ignoring case.' }) contains?: string | null;
  @Field(() => [String], { nullable: true, description: 'MULTI_SELECT fields: has at least one of these options.' }) hasAny?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'MULTI_SELECT fields: has every one of these options.' }) hasAll?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the contact has no value for the field; false: it has one.' }) isNull?: boolean | null;
}

@InputType({ description: 'Conditions on contacts; fields combine with AND.' })
export class ContactFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => ContactTypeComparator, { nullable: true }) type?: InstanceType<typeof ContactTypeComparator> | null;
  @Field(() => ContactStatusComparator, { nullable: true }) status?: InstanceType<typeof ContactStatusComparator> | null;
  @Field(() => ContactSourceComparator, { nullable: true }) source?: InstanceType<typeof ContactSourceComparator> | null;
  @Field(() => StringComparator, { nullable: true }) firstName?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true }) lastName?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true }) email?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true }) company?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The owner (User ids).' }) assignedTo?: IDComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The stage (PipelineStage ids).' }) stage?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) convertedAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) updatedAt?: DateTimeComparator | null;
  @Field(() => TagComparator, { nullable: true }) tags?: TagComparator | null;
  @Field(() => [ContactCustomFieldComparator], { nullable: true, description: 'Conditions on custom fields, all of which must hold.' }) customFields?:
    ContactCustomFieldComparator[] | null;
  @Field(() => [ContactFilter], { nullable: true }) and?: ContactFilter[] | null;
  @Field(() => [ContactFilter], { nullable: true }) or?: ContactFilter[] | null;
  @Field(() => ContactFilter, { nullable: true }) not?: ContactFilter | null;
}

export enum ContactOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
  FIRST_NAME = 'firstName',
  LAST_NAME = 'lastName',
  COMPANY = 'company',
}
registerEnumType(ContactOrderField, { name: 'ContactOrderField' });

@InputType()
export class ContactOrder {
  @Field(() => ContactOrderField) field!: ContactOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) direction!: OrderDirection;
}

@ArgsType()
export class ContactsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Words to find in the name, e-mail or company (ignoring case).' }) search?: string | null;
  @Field(() => ContactFilter, { nullable: true }) filter?: ContactFilter | null;
  @Field(() => [ContactOrder], { nullable: true, description: 'Default: newest first.' }) orderBy?: ContactOrder[] | null;
}

export const ContactConnection = ConnectionType(Contact, 'Contact');
