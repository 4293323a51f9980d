import { toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The Contact entity as finance sees it: its key. The CRM owns contacts; finance adds `invoices` and `balanceDue`. */
@ObjectType('Contact')
@Directive('@key(fields: "id")')
export class ContactRef {
  /** The global id. */
  @Field(() => ID)
  id!: string;

  static of(uuid: string): ContactRef {
    return Object.assign(new ContactRef(), { id: toGlobalId('Contact', uuid) });
  }
}
