import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../services.js';
import { TeamRef } from '../team/team.ref.js';
import {
  ApprovalStep,
  ApprovalWorkflowConnection,
  ApprovalWorkflowCreateInput,
  ApprovalWorkflowDeleteInput,
  ApprovalWorkflowDeletePayload,
  ApprovalWorkflowPayload,
  ApprovalWorkflowsArgs,
  ApprovalWorkflowUpdateInput,
} from './approval.inputs.js';
import { ApprovalWorkflow } from './approval-workflow.entity.js';

type Context = SubgraphContext<DocumentsServices>;

@Resolver(() => ApprovalWorkflow)
export class ApprovalWorkflowResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Query(() => ApprovalWorkflow, { nullable: true, description: 'An approval workflow of your organization, or null.' })
  approvalWorkflow(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<ApprovalWorkflow | null> {
    requireOrgId(context.request);
    return this.services.approvalWorkflows.access.loadReadable(context.loaders, context.request, fromGlobalId('ApprovalWorkflow', id));
  }

  @Query(() => ApprovalWorkflowConnection, { nullable: true, description: 'Approval workflows of your organization, by document type.' })
  approvalWorkflows(@Args(() => ApprovalWorkflowsArgs) args: ApprovalWorkflowsArgs, @Ctx() context: Context): Promise<Connection<ApprovalWorkflow>> {
    return this.services.approvalWorkflows.list(context.request, args);
  }

  @Mutation(() => ApprovalWorkflowPayload, { nullable: true, description: 'Owners and admins: the approval steps of a document type.' })
  approvalWorkflowCreate(@Arg('input', () => ApprovalWorkflowCreateInput) input: ApprovalWorkflowCreateInput, @Ctx() context: Context) {
    return mutationPayload(async () => ({ approvalWorkflow: await this.services.approvalWorkflows.create(context.request, input) }));
  }

  @Mutation(() => ApprovalWorkflowPayload, { nullable: true })
  approvalWorkflowUpdate(@Arg('input', () => ApprovalWorkflowUpdateInput) input: ApprovalWorkflowUpdateInput, @Ctx() context: Context) {
    return mutationPayload(async () => ({ approvalWorkflow: await this.services.approvalWorkflows.update(context.request, input) }));
  }

  @Mutation(() => ApprovalWorkflowDeletePayload, { nullable: true })
  approvalWorkflowDelete(@Arg('input', () => ApprovalWorkflowDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedApprovalWorkflowId: await this.services.approvalWorkflows.delete(context.request, input) }));
  }

  @FieldResolver(() => [ApprovalStep], { description: 'Its steps, in order.' })
  steps(@Root() workflow: ApprovalWorkflow): ApprovalStep[] {
    return workflow.steps.map((step, index) =>
      Object.assign(new ApprovalStep(), {
        order: index + 1,
        role: step.role,
        team: step.teamId ? TeamRef.of(step.teamId) : null,
        action: step.action,
        required: step.required,
      }),
    );
  }
}
