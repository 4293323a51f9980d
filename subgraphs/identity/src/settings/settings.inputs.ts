import { GraphQLJSONObject, UserError } from '@cellgraph/kernel';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum SettingsScope {
  ORGANIZATION = 'organization',
  USER = 'user',
}
registerEnumType(SettingsScope, { name: 'SettingsScope', description: 'Where a value is set: for the organization (owners and admins) or for yourself.' });

export enum SettingSource {
  USER = 'USER',
  ORGANIZATION = 'ORGANIZATION',
  DEFAULT = 'DEFAULT',
}
registerEnumType(SettingSource, { name: 'SettingSource', description: 'Where a resolved value comes from.' });

@ObjectType({ description: 'Where one key of a namespace’s resolved values comes from.' })
export class SettingValueSource {
  @Field() key!: string;
  @Field(() => SettingSource) source!: SettingSource;
}

@ObjectType({ description: 'A settings namespace resolved for the caller: their value over the organization’s over the default, key by key.' })
export class SettingsNamespace {
  @Field() namespace!: string;
  @Field({ description: 'The module that declared it.' }) module!: string;
  @Field() description!: string;
  @Field(() => [SettingsScope]) scopes!: SettingsScope[];
  @Field(() => GraphQLJSONObject, { description: 'The resolved values.' }) values!: Record<string, unknown>;
  @Field(() => [SettingValueSource]) sources!: SettingValueSource[];
  @Field(() => GraphQLJSONObject, { description: 'The values set for the organization (only those keys).' }) organizationValues!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { description: 'The values you set for yourself (only those keys).' }) userValues!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { description: 'JSON Schema of the values.' }) schema!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject) defaults!: Record<string, unknown>;
}

@InputType()
export class SettingSetInput {
  @Field() namespace!: string;
  @Field(() => SettingsScope) scope!: SettingsScope;
  @Field(() => GraphQLJSONObject, { description: 'Keys to set (merged into what is set at this scope); a key set to null is reset.' })
  values!: Record<string, unknown>;
}

@InputType()
export class SettingResetInput {
  @Field() namespace!: string;
  @Field(() => SettingsScope) scope!: SettingsScope;
  @Field(() => [String], { nullable: true, description: 'Keys to reset; all when omitted.' }) keys?: string[] | null;
}

@ObjectType()
export class SettingsPayload {
  @Field(() => SettingsNamespace, { nullable: true }) settings?: SettingsNamespace;
  @Field(() => [UserError]) userErrors!: UserError[];
}
