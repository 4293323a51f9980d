import { UserError, UserErrorsPayload } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PermissionSubject, Relation } from './permission.inputs.js';

@ObjectType({ description: 'A restricted module granted to a member or a team (its members inherit it).' })
export class ModuleGrant {
  @Field({ description: 'The module, e.g. finance.' }) module!: string;

  @Field(() => PermissionSubject, { nullable: true, description: 'Null when the subject is no longer visible.' })
  subject!: typeof PermissionSubject | null;

  @Field(() => Relation, { description: 'VIEWER reads every object of the module, EDITOR also changes them, OWNER also shares and deletes.' })
  relation!: Relation;
}

@InputType()
export class ModuleAccessGrantInput {
  @Field({ description: 'A restricted module of the cell (see restrictedModules), e.g. finance.' }) module!: string;
  @Field(() => ID, { description: 'A User or Team id.' }) subjectId!: string;
  @Field(() => Relation) relation!: Relation;
}

@InputType()
export class ModuleAccessRevokeInput {
  @Field() module!: string;
  @Field(() => ID) subjectId!: string;
}

@ObjectType()
export class ModuleAccessGrantPayload {
  @Field(() => ModuleGrant, { nullable: true }) grant?: ModuleGrant;
  @Field(() => [UserError]) userErrors!: UserError[];
}

export const ModuleAccessRevokePayload = UserErrorsPayload('ModuleAccessRevokePayload');
