import { ConnectionArgs, ConnectionType, DeletePayload, IdInput, UserError } from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Document, DocumentType } from '../document/document.entity.js';
import { TeamRef } from '../team/team.ref.js';
import { ApprovalRequest } from './approval-request.entity.js';
import { ApprovalAction, ApprovalWorkflow, OrganizationRole } from './approval-workflow.entity.js';

@ObjectType('ApprovalStep', { description: 'One step of a workflow: its reviewers (a role’s holders or a team’s members) and what they do.' })
export class ApprovalStep {
  @Field(() => Int, { description: 'Its place in the workflow, from 1.' })
  order!: number;

  @Field(() => OrganizationRole, { nullable: true })
  role!: OrganizationRole | null;

  @Field(() => TeamRef, { nullable: true })
  team!: TeamRef | null;

  @Field(() => ApprovalAction)
  action!: ApprovalAction;

  @Field()
  required!: boolean;
}

@InputType({ description: 'A step: exactly one of role and teamId.' })
export class ApprovalStepInput {
  @Field(() => OrganizationRole, { nullable: true, description: 'Reviewers: who holds this organization role.' })
  role?: OrganizationRole | null;

  @Field(() => ID, { nullable: true, description: 'Reviewers: the members of this team (a team with members).' })
  teamId?: string | null;

  @Field(() => ApprovalAction, { defaultValue: ApprovalAction.APPROVE })
  action!: ApprovalAction;

  @Field({ defaultValue: true, description: 'A step that is not required may be passed over by a later step’s decision.' })
  required!: boolean;
}

@InputType()
export class ApprovalWorkflowCreateInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field(() => DocumentType, { description: 'The document type it applies to (one workflow per type).' })
  documentType!: DocumentType;

  @Field(() => [ApprovalStepInput], { description: '1 to 20 steps, in order; at least one required.' })
  steps!: ApprovalStepInput[];
}

@InputType({ description: 'Fields left out are unchanged. New steps apply to later submissions only.' })
export class ApprovalWorkflowUpdateInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => DocumentType, { nullable: true })
  documentType?: DocumentType | null;

  @Field(() => [ApprovalStepInput], { nullable: true })
  steps?: ApprovalStepInput[] | null;
}

export const ApprovalWorkflowDeleteInput = IdInput('ApprovalWorkflowDeleteInput');
export const DocumentSubmitForApprovalInput = IdInput('DocumentSubmitForApprovalInput', 'The document’s id.');

@ObjectType()
export class ApprovalWorkflowPayload {
  @Field(() => ApprovalWorkflow, { nullable: true })
  approvalWorkflow?: ApprovalWorkflow;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const ApprovalWorkflowDeletePayload = DeletePayload(
  'ApprovalWorkflowDeletePayload',
  'deletedApprovalWorkflowId',
  'Id of the deleted workflow (submissions under way keep their steps).',
);

export enum ApprovalDecision {
  APPROVE = 'approve',
  REJECT = 'reject',
  RETURN_FOR_CHANGES = 'return_for_changes',
}
registerEnumType(ApprovalDecision, { name: 'ApprovalDecision' });

@InputType()
export class ApprovalDecideInput {
  @Field(() => ID, { description: 'The approval request (step) decided.' })
  id!: string;

  @Field(() => ApprovalDecision)
  decision!: ApprovalDecision;

  @Field(() => String, { nullable: true, description: 'Up to 5,000 characters; shown in the history (and to the author on a return).' })
  comment?: string | null;
}

@ObjectType()
export class ApprovalDecidePayload {
  @Field(() => ApprovalRequest, { nullable: true })
  approvalRequest?: ApprovalRequest;

  @Field(() => Document, { nullable: true })
  document?: Document;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType()
export class DocumentSubmitForApprovalPayload {
  @Field(() => Document, { nullable: true })
  document?: Document;

  @Field(() => [ApprovalRequest], { nullable: true, description: 'The steps of this submission, in order.' })
  approvalRequests?: ApprovalRequest[];

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export enum DocumentApprovalStatus {
  NONE = 'none',
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  RETURNED = 'returned',
}
registerEnumType(DocumentApprovalStatus, {
  name: 'DocumentApprovalStatus',
  description: 'Where its latest submission for approval stands (NONE: never submitted).',
});

@ArgsType()
export class ApprovalWorkflowsArgs extends ConnectionArgs {
  @Field(() => DocumentType, { nullable: true, description: 'Only the workflow of this document type.' })
  documentType?: DocumentType | null;
}

export const ApprovalWorkflowConnection = ConnectionType(ApprovalWorkflow, 'ApprovalWorkflow');
export const ApprovalRequestConnection = ConnectionType(ApprovalRequest, 'ApprovalRequest');
