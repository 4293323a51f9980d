import { NODE_CONNECTION_KEY, PageInfo, type Connection } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Note } from './note.entity.js';

@ObjectType('NoteEdge')
export class NoteEdge {
  @Field({ description: 'Opaque cursor of this edge, for `after`/`before`.' })
  cursor!: string;

  @Field(() => Note)
  node!: Note;
}

/**
 * A page of notes. Also an entity keyed by `request` (hidden from the API): the node subgraph
 * answers `Node.notes(…)` on every object with a reference naming the object and the page, which
 * this subgraph resolves (see note.reference.ts). `Query.notes` echoes an empty request.
 */
@ObjectType('NoteConnection', { description: 'A page of Note items.' })
@Directive(`@key(fields: "${NODE_CONNECTION_KEY}")`)
export class NoteConnection implements Connection<Note> {
  @Field(() => String)
  @Directive('@inaccessible')
  request!: string;

  @Field(() => [NoteEdge])
  edges!: { cursor: string; node: Note }[];

  @Field(() => [Note], { description: 'The nodes of the edges, for when cursors are not needed.' })
  nodes!: Note[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of items in the whole connection (all pages), with the filter applied.' })
  totalCount!: Promise<number> | number;

  static of(request: string, connection: Connection<Note>): NoteConnection {
    return Object.assign(new NoteConnection(), connection, { request });
  }
}
