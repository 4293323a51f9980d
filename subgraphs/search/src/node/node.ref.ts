import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Node as this subgraph sees it: an `@interfaceObject` it only returns (a search result's object).
 * The gateway asks the object's owner for its fields; search declares no field on it and owns no
 * Node type (which composition would refuse beside an interfaceObject Node).
 */
@ObjectType('Node', { description: 'An object with a global id.' })
@Directive('@interfaceObject')
@Directive('@key(fields: "id")')
export class NodeRef {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  static of(id: string): NodeRef {
    return Object.assign(new NodeRef(), { id });
  }
}
