import { moduleObject, policyWriter, requireOrgId, type Authorizer, type Database, type RequestContext } from '@cellgraph/kernel';
import { In } from 'typeorm';
import { Team } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';
import { moduleNotGranted, unknownModule, unknownModuleArgument } from './permission.errors.js';
import { grantSubject } from './permission-subject.js';
import type { ModuleGrant } from './module-access.inputs.js';
import type { Relation } from './permission.inputs.js';

/**
 * Access to the cell's restricted modules (e.g. finance): owners and admins grant a member or a
 * team a relation on a whole module (`module:<name>` in the policy store); every process drops
 * its cached policies of the organization once the change committed.
 */
export class ModuleAccessService {
  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
  ) {}

  /** The restricted modules of the cell, by name. */
  modules(): string[] {
    return this.authz.restrictedModules();
  }

  async grant(request: RequestContext, input: { module: string; subjectId: string; relation: Relation }): Promise<ModuleGrant> {
    const orgId = await this.requireAdministrator(request);
    if (!this.modules().includes(input.module)) throw unknownModule();
    const subject = await grantSubject(this.db, this.authz, request, orgId, input.subjectId);
    await this.db.transaction(request, async (em, hooks) => {
      await policyWriter.grant(em, orgId, subject.key, moduleObject(input.module), input.relation);
      await this.db.emit(em, {
        type: 'permission.module_granted',
        orgId,
        subject: { type: 'Organization', id: orgId },
        data: { module: input.module, subject: subject.key, relation: input.relation },
      });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
    });
    return { module: input.module, subject: subject.entity, relation: input.relation };
  }

  async revoke(request: RequestContext, input: { module: string; subjectId: string }): Promise<void> {
    const orgId = await this.requireAdministrator(request);
    if (!this.modules().includes(input.module)) throw unknownModule();
    const subject = await grantSubject(this.db, this.authz, request, orgId, input.subjectId);
    await this.db.transaction(request, async (em, hooks) => {
      if (!(await policyWriter.revoke(em, orgId, subject.key, moduleObject(input.module)))) throw moduleNotGranted();
      await this.db.emit(em, {
        type: 'permission.module_revoked',
        orgId,
        subject: { type: 'Organization', id: orgId },
        data: { module: input.module, subject: subject.key },
      });
      hooks.afterCommit(() => this.authz.announcePolicyChange(orgId));
    });
  }

  /** Who holds which relation on a module (owners and admins, who hold every right, are not listed). */
  async grants(request: RequestContext, module: string): Promise<ModuleGrant[]> {
    await this.requireAdministrator(request);
    if (!this.modules().includes(module)) throw unknownModuleArgument();
    const rows: { v0: string; v3: string }[] = await this.db.transaction(request, (em) =>
      em.query(`SELECT v0, v3 FROM authz.policies WHERE ptype = 'p' AND v2 = $1 ORDER BY id`, [moduleObject(module)]),
    );
    const ids = (prefix: string) => rows.filter((row) => row.v0.startsWith(prefix)).map((row) => row.v0.slice(prefix.length));
    const [userIds, teamIds] = [ids('user:'), ids('team:')];
    const [users, teams] = await this.db.transaction(request, async (em) => [
      userIds.length ? await em.findBy(User, { id: In(userIds) }) : [],
      teamIds.length ? await em.findBy(Team, { id: In(teamIds) }) : [],
    ]);
    const entities = new Map<string, User | Team>([
      ...users.map((user) => [`user:${user.id}`, user] as const),
      ...teams.map((team) => [`team:${team.id}`, team] as const),
    ]);
    return rows.map((row) => ({ module, subject: entities.get(row.v0) ?? null, relation: row.v3 as Relation }));
  }

  /** Managing module access is the organization's administration: owners and admins. */
  private async requireAdministrator(request: RequestContext): Promise<string> {
    const orgId = requireOrgId(request);
    await this.authz.require(request, 'manage', 'Organization', orgId);
    return orgId;
  }
}
