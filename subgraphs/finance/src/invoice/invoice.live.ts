import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { FinanceServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Invoice } from './invoice.entity.js';

@ObjectType({ description: 'A change to an invoice, as it happened.' })
export class InvoiceChange {
  @Field({ description: 'What happened: invoice.created, invoice.updated, invoice.status_changed, invoice.paid, … (every invoice.* event).' })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID, { description: 'The invoice’s global id (also once it is deleted).' })
  invoiceId!: string;

  @Field(() => Invoice, { nullable: true, description: 'The invoice as it is now (null once deleted).' })
  invoice!: Invoice | null;

  @Field(() => [String], { description: 'The fields the change touched (invoice.updated), else empty.' })
  changedFields!: string[];

  actorId!: string | null;
}

/** Subscriptions to invoices: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => InvoiceChange)
export class InvoiceLiveResolver {
  constructor(private readonly services: FinanceServices) {}

  @Subscription(() => InvoiceChange, { ...gatewayDriven, description: 'Every change to one invoice you can read (lines, totals, status, payments).' })
  invoiceChanged(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext<FinanceServices>): Promise<InvoiceChange | null> {
    return this.services.invoices.liveChange(context.request, liveEventOf(context), { id: fromGlobalId('Invoice', id, 'id') });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who made it (null for the system, e.g. the overdue job).' })
  actor(@Root() change: InvoiceChange): UserRef | null {
    return change.actorId ? UserRef.of(change.actorId) : null;
  }
}
