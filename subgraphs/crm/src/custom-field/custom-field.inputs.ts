import { DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ContactField, ContactFieldType } from './custom-field.entity.js';

@InputType()
export class ContactFieldCreateInput {
  @Field({ description: 'Key of the value in Contact.customFields, e.g. "tier".' }) key!: string;
  @Field() label!: string;
  @Field(() => ContactFieldType) type!: ContactFieldType;
  @Field(() => [String], { nullable: true, description: 'For SELECT and MULTI_SELECT.' }) options?: string[] | null;
  @Field({ nullable: true, defaultValue: false }) required?: boolean;
}

@InputType({ description: 'The key and type of a field never change (delete it and define another).' })
export class ContactFieldUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) label?: string | null;
  @Field(() => [String], { nullable: true, description: 'The complete new list; an option in use cannot be removed.' }) options?: string[] | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
}

export const ContactFieldDeleteInput = IdInput('ContactFieldDeleteInput');
export const ContactFieldDeletePayload = DeletePayload('ContactFieldDeletePayload', 'deletedContactFieldId');

@ObjectType()
export class ContactFieldPayload {
  @Field(() => ContactField, { nullable: true }) contactField?: ContactField;
  @Field(() => [UserError]) userErrors!: UserError[];
}
