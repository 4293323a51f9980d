import {
  AggregateAccess,
  globalIdOf,
  isUniqueViolation,
  paginate,
  requireOrgId,
  requireUserId,
  userError,
  uuidv7,
  validateInput,
  type Authorizer,
  type Connection,
  type Database,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { DocumentType } from '../document/document.entity.js';
import { ApprovalErrorCode, workflowNotFound } from './approval.errors.js';
import type { ApprovalWorkflowCreateInput, ApprovalWorkflowsArgs, ApprovalWorkflowUpdateInput } from './approval.inputs.js';
import { ApprovalAction, ApprovalWorkflow, OrganizationRole, type ApprovalStepValue } from './approval-workflow.entity.js';
import { documentErrorTexts } from '../messages.js';

const name = z.string().trim().min(1, zodMessage(documentErrorTexts.nameRequired)).max(200, zodMessage(documentErrorTexts.nameTooLong));
const documentTypeValue = z.enum(DocumentType);
const step = z
  .object({
    role: z.enum(OrganizationRole).nullish(),
    teamId: globalIdOf('Team').nullish(),
    action: z.enum(ApprovalAction),
    required: z.boolean(),
  })
  .refine((value) => !value.role !== !value.teamId, zodMessage(documentErrorTexts.stepRoleOrTeam))
  .transform((value): ApprovalStepValue => ({ role: value.role ?? null, teamId: value.teamId ?? null, action: value.action, required: value.required }));
const steps = z
  .array(step)
  .min(1, zodMessage(documentErrorTexts.workflowNeedsStep))
  .max(20, zodMessage(documentErrorTexts.workflowTooManySteps))
  .refine((list) => list.some((item) => item.required), zodMessage(documentErrorTexts.workflowNeedsRequiredStep));
const createInput = z.object({ name, documentType: documentTypeValue, steps });
const updateInput = z.object({ id: globalIdOf('ApprovalWorkflow'), name: name.nullish(), documentType: documentTypeValue.nullish(), steps: steps.nullish() });
const idInput = z.object({ id: globalIdOf('ApprovalWorkflow') });

const workflowExists = () => userError(ApprovalErrorCode.WorkflowExists, documentErrorTexts.workflowExists, ['input', 'documentType']);

/**
 * Approval workflows: one per organization and document type. Owners and admins manage them
 * (`manage` on ApprovalWorkflow); members read them; each change emits its event.
 */
export class ApprovalWorkflowService {
  readonly access: AggregateAccess<ApprovalWorkflow>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'ApprovalWorkflow',
      entity: ApprovalWorkflow,
      table: 'documents.approval_workflows',
      notFound: workflowNotFound,
    });
  }

  async list(request: RequestContext, args: ApprovalWorkflowsArgs): Promise<Connection<ApprovalWorkflow>> {
    requireOrgId(request);
    const documentType = args.documentType ?? null;
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => {
        const query = em.createQueryBuilder(ApprovalWorkflow, 'workflow');
        if (documentType) query.andWhere('workflow.documentType = :documentType', { documentType });
        return this.access.restrictToReadable(query, 'workflow', readable);
      },
      sort: [
        { name: 'documentType', path: 'workflow.documentType', direction: 'ASC', sqlType: 'text' },
        { name: 'id', path: 'workflow.id', direction: 'ASC', sqlType: 'uuid' },
      ],
      args,
    });
  }

  /** The workflow of a document type, if the organization has one (in the caller's transaction). */
  forType(em: EntityManager, documentType: DocumentType): Promise<ApprovalWorkflow | null> {
    return em.findOneBy(ApprovalWorkflow, { documentType });
  }

  async create(request: RequestContext, input: ApprovalWorkflowCreateInput): Promise<ApprovalWorkflow> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'manage', 'ApprovalWorkflow');
    const valid = validateInput(createInput, input, ApprovalErrorCode.InvalidInput);
    await this.requireTeams(orgId, valid.steps);
    return this.uniquePerType(() =>
      this.db.transaction(request, async (em) => {
        if (await this.forType(em, valid.documentType)) throw workflowExists();
        const workflow = await em.save(em.create(ApprovalWorkflow, { id: uuidv7(), orgId, ...valid, createdBy: actorId }));
        await this.emit(em, workflow, 'approval_workflow.created');
        return workflow;
      }),
    );
  }

  async update(request: RequestContext, input: ApprovalWorkflowUpdateInput): Promise<ApprovalWorkflow> {
    const orgId = requireOrgId(request);
    const { id, ...changes } = validateInput(updateInput, input, ApprovalErrorCode.InvalidInput);
    if (changes.steps) await this.requireTeams(orgId, changes.steps);
    return this.uniquePerType(() =>
      this.db.transaction(request, async (em) => {
        const workflow = await this.access.loadForUpdate(em, request, 'manage', id);
        if (changes.documentType && changes.documentType !== workflow.documentType && (await this.forType(em, changes.documentType))) throw workflowExists();
        if (changes.name) workflow.name = changes.name;
        if (changes.documentType) workflow.documentType = changes.documentType;
        if (changes.steps) workflow.steps = changes.steps;
        const saved = await em.save(workflow);
        await this.emit(em, saved, 'approval_workflow.updated');
        return saved;
      }),
    );
  }

  /** Deletes a workflow for good (configuration, not content): submissions under way keep their copied steps. */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, ApprovalErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const workflow = await this.access.loadForUpdate(em, request, 'manage', id);
      await em.delete(ApprovalWorkflow, { id });
      await this.emit(em, workflow, 'approval_workflow.deleted');
    });
    return input.id;
  }

  /** A step's team must have members (it is in the organization's policies): an empty team could never decide. */
  private async requireTeams(orgId: string, list: ApprovalStepValue[]): Promise<void> {
    for (const [index, item] of list.entries()) {
      if (item.teamId && !(await this.authz.teamMembers(orgId, item.teamId)).length) {
        throw userError(ApprovalErrorCode.TeamNotFound, documentErrorTexts.teamNotFound, ['input', 'steps', index, 'teamId']);
      }
    }
  }

  /** Two concurrent creations for one type: the unique key refuses the second, answered as the check would. */
  private async uniquePerType<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'approval_workflows_org_type_key')) throw workflowExists();
      throw error;
    }
  }

  private emit(em: EntityManager, workflow: ApprovalWorkflow, type: string): Promise<void> {
    return this.db.emit(em, {
      type,
      orgId: workflow.orgId,
      subject: { type: 'ApprovalWorkflow', id: workflow.id },
      data: { name: workflow.name, documentType: workflow.documentType, steps: workflow.steps },
    });
  }
}
