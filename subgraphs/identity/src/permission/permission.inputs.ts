import { UserError, UserErrorsPayload } from '@cellgraph/kernel';
import { createUnionType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { OrganizationRole } from '../organization/membership.entity.js';
import { Team } from '../team/team.entities.js';
import { User } from '../user/user.entity.js';

export enum Relation {
  VIEWER = 'viewer',
  EDITOR = 'editor',
  OWNER = 'owner',
}
registerEnumType(Relation, { name: 'Relation', description: 'VIEWER reads, EDITOR also changes, OWNER also shares and deletes.' });

export enum GrantSource {
  OBJECT = 'object',
  TYPE = 'type',
  MODULE = 'module',
  ROLE = 'role',
}
registerEnumType(GrantSource, {
  name: 'GrantSource',
  description:
    'OBJECT: granted on this object; TYPE: on every object of its type; MODULE: on every object of its restricted module; ROLE: standing right of an organization role.',
});

@ObjectType({ description: 'Everyone holding an organization role.' })
export class RoleSubject {
  @Field(() => OrganizationRole) role!: OrganizationRole;
}

export const PermissionSubject = createUnionType({
  name: 'PermissionSubject',
  types: () => [User, Team, RoleSubject] as const,
  resolveType: (value) => (value instanceof User ? User : value instanceof Team ? Team : RoleSubject),
});

@ObjectType({ description: 'Who holds which relation on an object, and why.' })
export class PermissionGrant {
  @Field(() => PermissionSubject, { nullable: true, description: 'Null when the subject is no longer visible.' })
  subject!: typeof PermissionSubject | null;

  @Field(() => Relation) relation!: Relation;
  @Field(() => GrantSource) source!: GrantSource;
}

@ObjectType({ description: 'An object shared with the viewer (directly or through a team).' })
export class AccessibleObject {
  @Field(() => ID, { description: 'Global id of the object.' }) objectId!: string;
  @Field(() => Relation) relation!: Relation;
  @Field(() => Team, { nullable: true, description: 'The team it is shared through, when not directly.' }) viaTeam!: Team | null;
}

@ObjectType({ description: 'A restricted module opened to the viewer (directly or through a team).' })
export class ModuleAccess {
  @Field({ description: 'The module, e.g. finance.' }) module!: string;
  @Field(() => Relation) relation!: Relation;
  @Field(() => Team, { nullable: true, description: 'The team it is granted through, when not directly.' }) viaTeam!: Team | null;
}

@ObjectType({ description: 'What the viewer can access in the current organization.' })
export class ViewerAccess {
  @Field(() => OrganizationRole, { nullable: true }) role!: OrganizationRole | null;
  @Field(() => [Team]) teams!: Team[];
  @Field(() => [AccessibleObject], { description: 'Objects shared with the viewer beyond what the role gives.' }) sharedObjects!: AccessibleObject[];
  @Field(() => [ModuleAccess], {
    description: 'Restricted modules granted to the viewer or a team of theirs (owners and admins need none: they access every module).',
  })
  modules!: ModuleAccess[];
}

@InputType()
export class PermissionGrantInput {
  @Field(() => ID, { description: 'The object to share (e.g. a Task id).' }) objectId!: string;
  @Field(() => ID, { description: 'A User or Team id.' }) subjectId!: string;
  @Field(() => Relation) relation!: Relation;
}

@InputType()
export class PermissionRevokeInput {
  @Field(() => ID) objectId!: string;
  @Field(() => ID) subjectId!: string;
}

@ObjectType()
export class PermissionGrantPayload {
  @Field(() => PermissionGrant, { nullable: true }) grant?: PermissionGrant;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const PermissionRevokePayload = UserErrorsPayload('PermissionRevokePayload');
