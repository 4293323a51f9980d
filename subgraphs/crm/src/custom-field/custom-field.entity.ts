import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum ContactFieldType {
  TEXT = 'text',
  NUMBER = 'number',
  BOOLEAN = 'boolean',
  DATE = 'date',
  SELECT = 'select',
  MULTI_SELECT = 'multi_select',
  URL = 'url',
  EMAIL = 'email',
}
registerEnumType(ContactFieldType, {
  name: 'ContactFieldType',
  valuesConfig: {
    DATE: { description: 'A calendar date, "2026-11-22".' },
    SELECT: { description: 'One of the options.' },
    MULTI_SELECT: { description: 'A list of distinct options.' },
  },
});

/** A custom field the organization defines for its contacts; values live in `Contact.customFields`. */
@Entity({ name: 'contact_fields' })
@ObjectType('ContactField', { description: 'A custom field of the organization’s contacts.' })
export class ContactField extends NodeEntity('ContactField') {
  @Column('uuid') orgId!: string;
  @Field({ description: 'Key of the value in Contact.customFields.' }) @Column('text') key!: string;
  @Field() @Column('text') label!: string;
  @Field(() => ContactFieldType) @Column('text') type!: ContactFieldType;
  @Field(() => [String], { description: 'Allowed values of SELECT and MULTI_SELECT fields.' }) @Column('text', { array: true }) options!: string[];
  @Field({ description: 'Contacts created or changed from now on must have a value.' }) @Column('boolean') required!: boolean;
  @Field({ description: 'Order among the fields (compare as plain strings).' }) @Column('text') position!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
