import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The File entity as the exports subgraph sees it: only its key. The files module owns files. */
@ObjectType('File')
@Directive('@key(fields: "id", resolvable: false)')
export class FileRef {
  /** The global id. */
  @Field(() => ID)
  id!: string;

  /** A File by its global id (as `storeGeneratedFile` answers it). */
  static of(globalId: string): FileRef {
    return Object.assign(new FileRef(), { id: globalId });
  }
}
