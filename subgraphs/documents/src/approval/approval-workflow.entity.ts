import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { DocumentType } from '../document/document.entity.js';

/** An organization role, as identity names it (same enum, same values: composition merges them). */
export enum OrganizationRole {
  OWNER = 'owner',
  ADMIN = 'admin',
  MEMBER = 'member',
  GUEST = 'guest',
}
registerEnumType(OrganizationRole, { name: 'OrganizationRole', description: 'Role of a member in an organization.' });

export enum ApprovalAction {
  APPROVE = 'approve',
  SIGN = 'sign',
}
registerEnumType(ApprovalAction, { name: 'ApprovalAction', description: 'What a step’s reviewer does: approve the document, or sign it off.' });

/** One step of a workflow as stored (`steps` jsonb): its reviewers are a role's holders or a team's members. */
export interface ApprovalStepValue {
  role: OrganizationRole | null;
  teamId: string | null;
  action: ApprovalAction;
  required: boolean;
}

@Entity({ name: 'approval_workflows' })
@ObjectType('ApprovalWorkflow', {
  description: 'The ordered approval steps a document of one type goes through before it leaves the organization (one per organization and type).',
})
@Directive('@key(fields: "id")')
export class ApprovalWorkflow extends NodeEntity('ApprovalWorkflow') {
  @Column('uuid')
  orgId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => DocumentType, { description: 'The document type it applies to.' })
  @Column('text')
  documentType!: DocumentType;

  @Column('jsonb')
  steps!: ApprovalStepValue[];

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
