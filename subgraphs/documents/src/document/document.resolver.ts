import { fromGlobalId, mutationPayload, requireOrgId, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { Document } from './document.entity.js';
import {
  DocumentConnection,
  DocumentCreateInput,
  DocumentDeleteInput,
  DocumentDeletePayload,
  DocumentPayload,
  DocumentRestoreInput,
  DocumentsArgs,
  DocumentUpdateInput,
} from './document.inputs.js';
import { loadDocument } from './document.loaders.js';

type Context = SubgraphContext<DocumentsServices>;

@Resolver(() => Document)
export class DocumentResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Query(() => Document, { nullable: true, description: 'A document of your organization, or null.' })
  document(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Document | null> {
    requireOrgId(context.request);
    return loadDocument(context, fromGlobalId('Document', id));
  }

  @Query(() => DocumentConnection, { nullable: true, description: 'Documents of your organization.' })
  documents(@Args(() => DocumentsArgs) args: DocumentsArgs, @Ctx() context: Context): Promise<Connection<Document>> {
    return this.services.documents.list(context.request, args);
  }

  @Mutation(() => DocumentPayload, { nullable: true })
  documentCreate(@Arg('input', () => DocumentCreateInput) input: DocumentCreateInput, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.create(context.request, input) }));
  }

  @Mutation(() => DocumentPayload, { nullable: true })
  documentUpdate(@Arg('input', () => DocumentUpdateInput) input: DocumentUpdateInput, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.update(context.request, input) }));
  }

  @Mutation(() => DocumentDeletePayload, { nullable: true, description: 'Move a document to the trash (it can be restored).' })
  documentDelete(@Arg('input', () => DocumentDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedDocumentId: await this.services.documents.delete(context.request, input) }));
  }

  @Mutation(() => DocumentPayload, { nullable: true, description: 'Bring a document back from the trash.' })
  documentRestore(@Arg('input', () => DocumentRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() document: Document): UserRef {
    return UserRef.of(document.createdBy);
  }
}
