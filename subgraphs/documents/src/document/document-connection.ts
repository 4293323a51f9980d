import { NODE_CONNECTION_KEY, PageInfo, type Connection } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Document } from './document.entity.js';

@ObjectType('DocumentEdge')
export class DocumentEdge {
  @Field({ description: 'Opaque cursor of this edge, for `after`/`before`.' })
  cursor!: string;

  @Field(() => Document)
  node!: Document;
}

/**
 * A page of documents. Also an entity keyed by `request` (hidden from the API): the node subgraph
 * answers `Node.documents(…)` on every object with a reference naming the object and the page,
 * which this subgraph resolves (see document.reference.ts). `Query.documents` echoes an empty request.
 */
@ObjectType('DocumentConnection', { description: 'A page of Document items.' })
@Directive(`@key(fields: "${NODE_CONNECTION_KEY}")`)
export class DocumentConnection implements Connection<Document> {
  @Field(() => String)
  @Directive('@inaccessible')
  request!: string;

  @Field(() => [DocumentEdge])
  edges!: { cursor: string; node: Document }[];

  @Field(() => [Document], { description: 'The nodes of the edges, for when cursors are not needed.' })
  nodes!: Document[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of items in the whole connection (all pages), with the filter applied.' })
  totalCount!: Promise<number> | number;

  static of(request: string, connection: Connection<Document>): DocumentConnection {
    return Object.assign(new DocumentConnection(), connection, { request });
  }
}
