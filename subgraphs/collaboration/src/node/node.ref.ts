import { invalidInput, parseGlobalId, toGlobalId, text } from '@cellgraph/kernel';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { collaborationErrorTexts } from '../messages.js';

/**
 * Node as this subgraph sees it: an `@interfaceObject`. Whatever fields it declares here every
 * implementation of Node in the cell gets (Task, Contact, Deal…), without their subgraphs knowing.
 */
@ObjectType('Node', { description: 'An object with a global id. Every one has comments, links, tags and activity.' })
@Directive('@interfaceObject')
@Directive('@key(fields: "id")')
export class NodeRef {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  static of(type: string, uuid: string): NodeRef {
    return Object.assign(new NodeRef(), { id: toGlobalId(type, uuid) });
  }
}

/** A node of any subgraph: its type, its uuid, its global id. */
export interface NodeKey {
  type: string;
  uuid: string;
  id: string;
}

/** Reads a global id received from a client; BAD_USER_INPUT when it is not one. */
export function nodeKey(globalId: string, argument = 'id'): NodeKey {
  const decoded = parseGlobalId(globalId);
  if (!decoded) throw invalidInput(text(collaborationErrorTexts.invalidId, { argument }), { argument });
  return { type: decoded.typeName, uuid: decoded.uuid, id: globalId };
}

export const keyOf = (type: string, uuid: string): NodeKey => ({ type, uuid, id: toGlobalId(type, uuid) });
