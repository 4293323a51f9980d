import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

/** The data behind a `<Type>Connection`: totalCount is computed only when selected. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number> | number;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type: `edges { cursor node }`,
 * `nodes`, `pageInfo` and `totalCount`, as Relay, GitHub and Linear expose lists.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, shareable = false) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field({ description: 'Opaque cursor of this edge, for `after`/`before`.' })
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge])
    edges!: { cursor: string; node: T }[];

    @Field(() => [nodeType], { description: 'The nodes of the edges, for when cursors are not needed.' })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole connection (all pages), with the filter applied.' })
    totalCount!: Promise<number> | number;
  }
  if (shareable) {
    Directive('@shareable')(Edge);
    Directive('@shareable')(ConnectionClass);
  }
  return ConnectionClass;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Items after \`after\` (default ${DEFAULT_PAGE_SIZE}, max ${MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Items before \`before\`, counting from the end (max ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}
