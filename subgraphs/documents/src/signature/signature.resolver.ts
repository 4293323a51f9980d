import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Document } from '../document/document.entity.js';
import { FileRef } from '../file/file.ref.js';
import type { DocumentsServices } from '../services.js';
import { SignatureRequest, Signer } from './signature.entity.js';
import { DocumentSendForSignatureInput, DocumentSignaturePayload, DocumentSignatureVoidInput } from './signature.inputs.js';

type Context = SubgraphContext<DocumentsServices>;

/** The latest signature request of a document, batched per request. */
const latestSignature = (context: Context, documentId: string) =>
  context.loaders
    .get('documentSignature', (ids: readonly string[]) =>
      context.services.signatures.latestOf(context.request, ids).then((found) => ids.map((id) => found.get(id) ?? null)),
    )
    .load(documentId);

@Resolver(() => Document)
export class DocumentSignatureResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DocumentSignaturePayload, {
    nullable: true,
    description: 'Send a document to its signers, in order, through the e-signature provider (an envelope with its PDF).',
  })
  documentSendForSignature(@Arg('input', () => DocumentSendForSignatureInput) input: DocumentSendForSignatureInput, @Ctx() context: Context) {
    return mutationPayload(async () => ({ signature: await this.services.signatures.send(context.request, input) }));
  }

  @Mutation(() => DocumentSignaturePayload, {
    nullable: true,
    description: 'Recall the request out for signature: voided at the provider (its signing links stop working); the document is DRAFT again.',
  })
  documentSignatureVoid(@Arg('input', () => DocumentSignatureVoidInput) input: DocumentSignatureVoidInput, @Ctx() context: Context) {
    return mutationPayload(async () => ({ signature: await this.services.signatures.void(context.request, input) }));
  }

  @FieldResolver(() => SignatureRequest, { nullable: true, description: 'Its latest request for signatures, or null.' })
  async signature(@Root() document: Document, @Ctx() context: Context): Promise<SignatureRequest | null> {
    return (await latestSignature(context, document.id))?.signature ?? null;
  }
}

@Resolver(() => SignatureRequest)
export class SignatureFieldsResolver {
  @FieldResolver(() => [Signer], { description: 'In signing order.' })
  async signers(@Root() signature: SignatureRequest, @Ctx() context: Context): Promise<Signer[]> {
    return (await latestSignature(context, signature.documentId))?.signers ?? [];
  }

  @FieldResolver(() => FileRef, { nullable: true, description: 'The signed PDF, once every signer signed and it was stored.' })
  signedFile(@Root() signature: SignatureRequest): FileRef | null {
    return signature.signedFileId ? FileRef.of(signature.signedFileId) : null;
  }
}
