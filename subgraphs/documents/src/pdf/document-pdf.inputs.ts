import { UserError } from '@cellgraph/kernel';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { FileRef } from '../file/file.ref.js';

@InputType()
export class DocumentPdfInput {
  @Field(() => ID)
  id!: string;

  @Field({ defaultValue: false, description: 'Show the track-changes marks (insertions underlined, deletions struck); false: the clean text.' })
  redline!: boolean;
}

@ObjectType()
export class DocumentPdfPayload {
  @Field(() => FileRef, { nullable: true, description: 'The PDF, stored as a File attached to the document (download it with `downloadUrl`).' })
  file?: FileRef;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
