import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum ContactType {
  LEAD = 'lead',
  CLIENT = 'client',
  VENDOR = 'vendor',
  PARTNER = 'partner',
}
registerEnumType(ContactType, { name: 'ContactType' });

export enum ContactStatus {
  ACTIVE = 'active',
  INACTIVE = 'inactive',
  CHURNED = 'churned',
}
registerEnumType(ContactStatus, { name: 'ContactStatus' });

export enum ContactSource {
  WEBSITE = 'website',
  REFERRAL = 'referral',
  COLD_OUTREACH = 'cold_outreach',
  IMPORT = 'import',
  EVENT = 'event',
  OTHER = 'other',
}
registerEnumType(ContactSource, { name: 'ContactSource' });

@Entity({ name: 'contacts' })
@ObjectType('Contact', { description: 'A person or company the organization deals with: a lead, client, vendor or partner.' })
@Directive('@key(fields: "id")')
export class Contact extends NodeEntity('Contact') {
  @Column('uuid') orgId!: string;

  @Field(() => ContactType) @Column('text') type!: ContactType;
  @Field(() => ContactStatus) @Column('text') status!: ContactStatus;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) firstName!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) lastName!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) company!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) jobTitle!: string | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) avatarUrl!: string | null;
  @Field(() => ContactSource, { nullable: true }) @Column('text', { nullable: true }) source!: ContactSource | null;

  @Field(() => GraphQLJSONObject, { description: 'Values of the organization’s custom contact fields, by key.' })
  @Column('jsonb', { default: {} })
  customFields!: Record<string, unknown>;

  @Column('uuid', { nullable: true }) stageId!: string | null;
  @Column('uuid', { nullable: true }) assignedTo!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the lead was converted.' })
  @Column('timestamptz', { nullable: true })
  convertedAt!: Date | null;

  @Column('uuid', { nullable: true }) mergedIntoId!: string | null;
  @Column('uuid') createdBy!: string;

  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Field(() => GraphQLDateTimeISO) @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;

  @Field({ description: 'First and last name, else the company, else the e-mail.' })
  get name(): string {
    const person = [this.firstName, this.lastName].filter(Boolean).join(' ');
    return person || this.company || this.email || '';
  }
}
