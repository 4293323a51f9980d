import { Field, ID, ObjectType } from 'type-graphql';
import { PrimaryColumn } from 'typeorm';
import { toGlobalId } from './global-id.js';

/**
 * Base class of every entity exposed in the graph: a uuid primary key in the database, exposed
 * as the opaque global id `id` (base64url of "<typeName>:<uuid>") in GraphQL.
 *
 *   @Entity({ name: 'tasks' }) @ObjectType('Task') @Directive('@key(fields: "id")')
 *   export class Task extends NodeEntity('Task') { … }
 */
export function NodeEntity(typeName: string) {
  // type-graphql inherits fields from a decorated superclass; this one is never referenced, so
  // it is never emitted into a schema.
  @ObjectType(`${typeName}NodeBase`)
  abstract class Node {
    /** The row's uuid (database key). */
    @PrimaryColumn('uuid')
    id!: string;

    @Field(() => ID, { name: 'id', description: 'Opaque global id.' })
    get globalId(): string {
      return toGlobalId(typeName, this.id);
    }
  }
  return Node;
}
