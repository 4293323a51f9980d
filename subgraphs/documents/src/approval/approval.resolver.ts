import { ConnectionArgs, mutationPayload, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import { loadDocument } from '../document/document.loaders.js';
import type { DocumentsServices } from '../services.js';
import { TeamRef } from '../team/team.ref.js';
import { UserRef } from '../user/user.ref.js';
import {
  ApprovalDecideInput,
  ApprovalDecidePayload,
  ApprovalRequestConnection,
  DocumentApprovalStatus,
  DocumentSubmitForApprovalInput,
  DocumentSubmitForApprovalPayload,
} from './approval.inputs.js';
import { ApprovalRequest } from './approval-request.entity.js';

type Context = SubgraphContext<DocumentsServices>;

@Resolver(() => ApprovalRequest)
export class ApprovalRequestResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DocumentSubmitForApprovalPayload, {
    nullable: true,
    description: 'Submit a document for approval through the workflow of its type: it becomes INTERNAL_REVIEW and its first reviewers are asked.',
  })
  documentSubmitForApproval(@Arg('input', () => DocumentSubmitForApprovalInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(() => this.services.approvals.submit(context.request, input));
  }

  @Mutation(() => ApprovalDecidePayload, {
    nullable: true,
    description: 'A reviewer of a step (its role or team) approves, rejects or returns the document for changes.',
  })
  approvalDecide(@Arg('input', () => ApprovalDecideInput) input: ApprovalDecideInput, @Ctx() context: Context) {
    return mutationPayload(() => this.services.approvals.decide(context.request, input));
  }

  @FieldResolver(() => Document, { nullable: true })
  document(@Root() step: ApprovalRequest, @Ctx() context: Context): Promise<Document | null> {
    return loadDocument(context, step.documentId);
  }

  @FieldResolver(() => TeamRef, { nullable: true, description: '…or who is in this team.' })
  team(@Root() step: ApprovalRequest): TeamRef | null {
    return step.teamId ? TeamRef.of(step.teamId) : null;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who decided it.' })
  decidedBy(@Root() step: ApprovalRequest): UserRef | null {
    return step.decidedBy ? UserRef.of(step.decidedBy) : null;
  }

  @FieldResolver(() => UserRef, { description: 'Who submitted the document.' })
  submittedBy(@Root() step: ApprovalRequest): UserRef {
    return UserRef.of(step.submittedBy);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you are one of its reviewers (its role or team).' })
  viewerIsReviewer(@Root() step: ApprovalRequest, @Ctx() context: Context): Promise<boolean> {
    return this.services.approvals.isReviewer(context.request, step);
  }
}

@Resolver(() => Document)
export class DocumentApprovalResolver {
  constructor(private readonly services: DocumentsServices) {}

  @FieldResolver(() => ApprovalRequestConnection, { description: 'Its approval history: newest submission first, steps in order.' })
  approvalRequests(
    @Root() document: Document,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() context: Context,
  ): Promise<Connection<ApprovalRequest>> {
    return this.services.approvals.history(context.request, document, args);
  }

  @FieldResolver(() => DocumentApprovalStatus, { description: 'Where its latest submission for approval stands.' })
  approvalStatus(@Root() document: Document, @Ctx() context: Context): Promise<DocumentApprovalStatus> {
    return this.services.approvals.statusLoader(context.loaders, context.request).load(document.id);
  }
}
