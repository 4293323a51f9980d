import { forbidden, GraphQLDateTimeISO, IdInput, mutationPayload, type SubgraphContext, UserError } from '@cellgraph/kernel';
import { Arg, Ctx, Directive, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { User } from '../user/user.entity.js';
import { userById } from '../user/user.loaders.js';
import { ApiKey } from './api-key.entity.js';

type Context = SubgraphContext<IdentityServices>;

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

const ApiKeyRevokeInput = IdInput('ApiKeyRevokeInput');

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

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly services: IdentityServices) {}

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() apiKey: ApiKey, @Ctx() context: Context): Promise<User | null> {
    return userById(this.services.db, context.loaders, context.request).load(apiKey.createdBy);
  }

  @Query(() => [ApiKeyScopeType], { description: 'The scopes API keys of this cell can be given (those of its subgraphs).' })
  apiKeyScopes(): ApiKeyScopeType[] {
    return this.services.apiKeys.scopes.map((scope) => ({ ...scope }));
  }

  @Mutation(() => ApiKeyCreatePayload, { nullable: true, description: 'Create an API key (owners and admins).' })
  apiKeyCreate(@Arg('input', () => ApiKeyCreateInput) input: ApiKeyCreateInput, @Ctx() context: Context): Promise<ApiKeyCreatePayload> {
    return mutationPayload(() => this.services.apiKeys.create(context.request, input));
  }

  @Mutation(() => ApiKeyPayload, { nullable: true, description: 'Rename an API key or change its rate limit (owners and admins); a new limit applies from the next request.' })
  apiKeyUpdate(@Arg('input', () => ApiKeyUpdateInput) input: ApiKeyUpdateInput, @Ctx() context: Context): Promise<ApiKeyPayload> {
    return mutationPayload(async () => ({ apiKey: await this.services.apiKeys.update(context.request, input) }));
  }

  @Mutation(() => ApiKeyPayload, { nullable: true, description: 'Revoke an API key: it is refused from the next request on.' })
  apiKeyRevoke(@Arg('input', () => ApiKeyRevokeInput) input: { id: string }, @Ctx() context: Context): Promise<ApiKeyPayload> {
    return mutationPayload(async () => ({ apiKey: await this.services.apiKeys.revoke(context.request, input.id) }));
  }

  @Query(() => ResolvedApiKey, { nullable: true, description: 'For the gateway only.' })
  @Directive('@inaccessible')
  _apiKeyResolve(@Arg('keyHash') keyHash: string, @Ctx() context: Context): Promise<ResolvedApiKey | null> {
    if (context.request.principal.kind !== 'system') throw forbidden();
    return this.services.apiKeys.resolve(keyHash);
  }
}
