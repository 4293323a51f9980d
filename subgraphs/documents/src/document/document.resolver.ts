import { fromGlobalId, mutationPayload, requireOrgId, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { DocumentsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { DocumentConnection } from './document-connection.js';
import { Document } from './document.entity.js';
import {
  DocumentCreateInput,
  DocumentDeleteInput,
  DocumentDeletePayload,
  DocumentPayload,
  DocumentRestoreInput,
  DocumentsArgs,
  DocumentStatusSetInput,
  DocumentUpdateInput,
  DocumentVoidInput,
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
  async documents(@Args(() => DocumentsArgs) args: DocumentsArgs, @Ctx() context: Context): Promise<DocumentConnection> {
    return DocumentConnection.of('', await this.services.documents.list(context.request, args));
  }

  @Mutation(() => DocumentPayload, { nullable: true, description: 'Create a document (DRAFT).' })
  documentCreate(@Arg('input', () => DocumentCreateInput) input: DocumentCreateInput, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.create(context.request, input) }));
  }

  @Mutation(() => DocumentPayload, { nullable: true, description: 'Change a document’s title, type, content, metadata, expiry, owner or what it concerns.' })
  documentUpdate(@Arg('input', () => DocumentUpdateInput) input: DocumentUpdateInput, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.update(context.request, input) }));
  }

  @Mutation(() => DocumentPayload, { nullable: true, description: 'Move a document to another status by hand (along the allowed transitions).' })
  documentStatusSet(@Arg('input', () => DocumentStatusSetInput) input: DocumentStatusSetInput, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.setStatus(context.request, input) }));
  }

  @Mutation(() => DocumentPayload, { nullable: true, description: 'Cancel a document for good (VOID), with the reason.' })
  documentVoid(@Arg('input', () => DocumentVoidInput) input: DocumentVoidInput, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.void(context.request, input) }));
  }

  @Mutation(() => DocumentDeletePayload, { nullable: true, description: 'Move a document to the trash (it can be restored).' })
  documentDelete(@Arg('input', () => DocumentDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedDocumentId: await this.services.documents.delete(context.request, input) }));
  }

  @Mutation(() => DocumentPayload, { nullable: true, description: 'Bring a document back from the trash.' })
  documentRestore(@Arg('input', () => DocumentRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<DocumentPayload> {
    return mutationPayload(async () => ({ document: await this.services.documents.restore(context.request, input) }));
  }

  @FieldResolver(() => UserRef, { description: 'Who owns it (default its creator).' })
  owner(@Root() document: Document): UserRef {
    return UserRef.of(document.ownerId);
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() document: Document): UserRef {
    return UserRef.of(document.createdBy);
  }

  @FieldResolver(() => [ID], { description: 'The global ids of the objects it concerns (a contact, a deal, …; `about` resolves them).' })
  aboutIds(@Root() document: Document): string[] {
    return document.aboutIds;
  }
}
