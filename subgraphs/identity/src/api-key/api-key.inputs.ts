import { ConnectionType, GraphQLDateTimeISO, IdInput, UserError } from '@cellgraph/kernel';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ApiKey } from './api-key.entity.js';

@InputType()
export class ApiKeyCreateInput {
  @Field() name!: string;
  @Field(() => [String], { description: 'e.g. ["tasks:read", "tasks:write"]; one of apiKeyScopes, else API_KEY_UNKNOWN_SCOPE.' }) scopes!: string[];
  @Field(() => GraphQLDateTimeISO, { nullable: true }) expiresAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'Requests per rate-limit window, 1 to 100,000; left out: the cell’s default.' }) rateLimit?: number | null;
}

@InputType({ description: 'Fields left out are unchanged; rateLimit set to null returns to the cell’s default.' })
export class ApiKeyUpdateInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) rateLimit?: number | null;
}

export const ApiKeyRevokeInput = IdInput('ApiKeyRevokeInput');

@ObjectType()
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey?: ApiKey;
  @Field(() => String, { nullable: true, description: 'The key itself: shown this once, store it now.' }) plainKey?: string;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType()
export class ApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey?: ApiKey;
  @Field(() => [UserError]) userErrors!: UserError[];
}

@ObjectType('ApiKeyScope', { description: 'A scope an API key can be given, declared by a subgraph of this cell.' })
export class ApiKeyScopeType {
  @Field({ description: 'e.g. tasks:read; <name>:write includes <name>:read.' }) name!: string;
  @Field() description!: string;
}

/** What the gateway learns about a key; not part of the public schema. */
@ObjectType()
@Directive('@inaccessible')
export class ResolvedApiKey {
  @Field() keyId!: string;
  @Field() name!: string;
  @Field() orgId!: string;
  @Field() userId!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => String, { nullable: true }) expiresAt!: string | null;
  @Field(() => Int, { nullable: true }) rateLimit!: number | null;
}

/** `Organization.apiKeys`. */
export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');
