import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity } from 'typeorm';
import { ApprovalAction, OrganizationRole } from './approval-workflow.entity.js';

export enum ApprovalState {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  RETURNED = 'returned',
  SKIPPED = 'skipped',
}
registerEnumType(ApprovalState, {
  name: 'ApprovalState',
  description: 'PENDING until decided; SKIPPED: an optional step passed over, or a step left when the round ended.',
});

/**
 * One step of one submission ("round") of a document for approval: a copy of the workflow's step
 * at submission (a later change of the workflow does not rewrite history) and its decision.
 */
@Entity({ name: 'approval_requests' })
@ObjectType('ApprovalRequest', { description: 'One approval step of a document’s submission, and its decision.' })
@Directive('@key(fields: "id")')
export class ApprovalRequest extends NodeEntity('ApprovalRequest') {
  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  documentId!: string;

  @Field(() => Int, { description: 'The submission it belongs to: 1 for the first, one more for each resubmission.' })
  @Column('int')
  round!: number;

  @Field(() => Int, { description: 'Its place in the workflow, from 1.' })
  @Column('int')
  stepOrder!: number;

  @Field(() => OrganizationRole, { nullable: true, description: 'Reviewers: who holds this organization role…' })
  @Column('text', { nullable: true })
  role!: OrganizationRole | null;

  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Field(() => ApprovalAction)
  @Column('text')
  action!: ApprovalAction;

  @Field({ description: 'Whether the document may move on without it.' })
  @Column('boolean')
  required!: boolean;

  @Field(() => ApprovalState)
  @Column('text')
  state!: ApprovalState;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('uuid')
  submittedBy!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When its reviewers were asked (null: an earlier required step is not approved yet).' })
  @Column('timestamptz', { nullable: true })
  requestedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
