import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { IdentityServices } from '../services.js';
import { User } from '../user/user.entity.js';
import { loadUser } from '../user/user.loaders.js';
import { ApiKey } from './api-key.entity.js';
import {
  ApiKeyCreateInput,
  ApiKeyCreatePayload,
  ApiKeyPayload,
  ApiKeyRevokeInput,
  ApiKeyScopeType,
  ApiKeyUpdateInput,
  ResolvedApiKey,
} from './api-key.inputs.js';

type Context = SubgraphContext<IdentityServices>;

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly services: IdentityServices) {}

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() apiKey: ApiKey, @Ctx() context: Context): Promise<User | null> {
    return loadUser(context, apiKey.createdBy);
  }

  @Query(() => [ApiKeyScopeType], { description: 'The scopes API keys of this cell can be given (those of its subgraphs).' })
  apiKeyScopes(): ApiKeyScopeType[] {
    return this.services.apiKeys.scopes.map((scope) => ({ ...scope }));
  }

  @Mutation(() => ApiKeyCreatePayload, { nullable: true, description: 'Create an API key (owners and admins).' })
  apiKeyCreate(@Arg('input', () => ApiKeyCreateInput) input: ApiKeyCreateInput, @Ctx() context: Context): Promise<ApiKeyCreatePayload> {
    return mutationPayload(() => this.services.apiKeys.create(context.request, input));
  }

  @Mutation(() => ApiKeyPayload, {
    nullable: true,
    description: 'Rename an API key or change its rate limit (owners and admins); a new limit applies from the next request.',
  })
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
    return this.services.apiKeys.resolve(context.request, keyHash);
  }
}
