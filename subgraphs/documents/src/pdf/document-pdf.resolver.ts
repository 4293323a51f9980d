import { mutationPayload, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { DocumentsServices } from '../services.js';
import { DocumentPdfInput, DocumentPdfPayload } from './document-pdf.inputs.js';

@Resolver()
export class DocumentPdfResolver {
  constructor(private readonly services: DocumentsServices) {}

  @Mutation(() => DocumentPdfPayload, {
    nullable: true,
    description: 'Render a document (or its redline) to PDF, stored as a File attached to it. Needs the files module.',
  })
  documentPdf(@Arg('input', () => DocumentPdfInput) input: DocumentPdfInput, @Ctx() context: SubgraphContext<DocumentsServices>): Promise<DocumentPdfPayload> {
    return mutationPayload(async () => ({ file: await this.services.pdf.store(context.request, input) }));
  }
}
