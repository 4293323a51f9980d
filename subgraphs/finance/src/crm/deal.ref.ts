import { toGlobalId } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The Deal entity as finance sees it: its key. The CRM owns deals; finance adds `invoices`. */
@ObjectType('Deal')
@Directive('@key(fields: "id")')
export class DealRef {
  /** The global id. */
  @Field(() => ID)
  id!: string;

  static of(uuid: string): DealRef {
    return Object.assign(new DealRef(), { id: toGlobalId('Deal', uuid) });
  }
}
