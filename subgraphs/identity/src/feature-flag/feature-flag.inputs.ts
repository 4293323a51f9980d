import { GraphQLDateTimeISO, UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum FeatureFlagRuleKind {
  ORGANIZATION = 'ORGANIZATION',
  USER = 'USER',
  PERCENTAGE = 'PERCENTAGE',
}
registerEnumType(FeatureFlagRuleKind, {
  name: 'FeatureFlagRuleKind',
  description: 'ORGANIZATION and USER match listed ids; PERCENTAGE a stable share of organizations (sha256 of the flag and the organization).',
});

@ObjectType({ description: 'A feature as it applies to you.' })
export class Feature {
  @Field() key!: string;
  @Field() enabled!: boolean;
}

@ObjectType({ description: 'One rule of a flag: the first rule that matches the caller decides, else the default.' })
export class FeatureFlagRule {
  @Field(() => FeatureFlagRuleKind) kind!: FeatureFlagRuleKind;
  @Field(() => [ID], { description: 'Organization or user ids (UUIDs).' }) ids!: string[];
  @Field(() => Int, { nullable: true, description: '0–100 (PERCENTAGE).' }) percentage!: number | null;
  @Field() enabled!: boolean;
}

@ObjectType({ description: 'A runtime feature flag of the cell (platform administrators). `module.<name>` switches a module off when disabled.' })
export class FeatureFlag {
  @Field() key!: string;
  @Field() description!: string;
  @Field() defaultEnabled!: boolean;
  @Field(() => [FeatureFlagRule]) rules!: FeatureFlagRule[];
  @Field(() => GraphQLDateTimeISO) updatedAt!: Date;
}

@InputType()
export class FeatureFlagRuleInput {
  @Field(() => FeatureFlagRuleKind) kind!: FeatureFlagRuleKind;
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => Int, { nullable: true }) percentage?: number | null;
  @Field() enabled!: boolean;
}

@InputType()
export class FeatureFlagSetInput {
  @Field({ description: 'Lower-case letters, digits, dots, dashes and underscores, e.g. tasks.gantt or module.finance.' }) key!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field() defaultEnabled!: boolean;
  @Field(() => [FeatureFlagRuleInput], { nullable: true }) rules?: FeatureFlagRuleInput[] | null;
}

@InputType()
export class FeatureFlagDeleteInput {
  @Field() key!: string;
}

@ObjectType()
export class FeatureFlagSetPayload {
  @Field(() => FeatureFlag, { nullable: true }) featureFlag?: FeatureFlag;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class FeatureFlagDeletePayload {
  @Field(() => String, { nullable: true }) deletedKey?: string;
  @Field(() => [UserError]) userErrors!: UserError[];
}
