import { fromGlobalId, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Contact } from '../contact/contact.entity.js';
import { ContactConnection, ContactsArgs } from '../contact/contact.inputs.js';
import { ownedContacts } from '../contact/contact.loaders.js';
import type { Deal } from '../deal/deal.entity.js';
import { DealConnection, DealsArgs } from '../deal/deal.inputs.js';
import { groupedDeals } from '../deal/deal.loaders.js';
import type { CrmServices } from '../services.js';
import { UserRef } from './user.ref.js';

type Context = SubgraphContext<CrmServices>;

@Resolver(() => UserRef)
export class UserCrmResolver {
  constructor(private readonly services: CrmServices) {}

  @FieldResolver(() => ContactConnection, { nullable: true, description: 'Contacts this user owns in your organization.' })
  contacts(@Root() user: UserRef, @Args(() => ContactsArgs) args: ContactsArgs, @Ctx() context: Context): Promise<Connection<Contact>> {
    requireOrgId(context.request);
    return ownedContacts(this.services, context.loaders, context.request, args).load(fromGlobalId('User', user.id));
  }

  @FieldResolver(() => DealConnection, { nullable: true, description: 'Deals this user owns in your organization.' })
  deals(@Root() user: UserRef, @Args(() => DealsArgs) args: DealsArgs, @Ctx() context: Context): Promise<Connection<Deal>> {
    requireOrgId(context.request);
    return groupedDeals(this.services, context.loaders, context.request, 'ownerId', args).load(fromGlobalId('User', user.id));
  }
}
