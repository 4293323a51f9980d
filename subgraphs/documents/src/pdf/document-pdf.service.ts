import { globalIdOf, storeGeneratedFile, toGlobalId, validateInput, type GraphClient, type RequestContext } from '@cellgraph/kernel';
import { z } from 'zod';
import { DocumentErrorCode, documentNotFound } from '../document/document.errors.js';
import type { Document } from '../document/document.entity.js';
import type { DocumentService } from '../document/document.service.js';
import { FileRef } from '../file/file.ref.js';
import { renderPdf } from './html-pdf.js';

const pdfInput = z.object({ id: globalIdOf('Document'), redline: z.boolean() });

/** What a document's PDF shows: its title and its (sanitized) HTML content. */
export function pdfSourceOf(document: Document): { title: string; html: string } {
  return { title: document.title, html: document.content };
}

/**
 * Renders a document to PDF and stores it through the files module, as the caller (its permission
 * to read the document here, to write files there): the PDF is a File attached to the document.
 */
export class DocumentPdfService {
  constructor(
    private readonly documents: DocumentService,
    private readonly graph: GraphClient,
  ) {}

  async store(request: RequestContext, input: { id: string; redline: boolean }): Promise<FileRef> {
    const { id, redline } = validateInput(pdfInput, input, DocumentErrorCode.InvalidInput);
    await this.documents.access.requireExisting(request, 'read', id);
    const [document] = await this.documents.access.byIds(request, [id]);
    if (!document) throw documentNotFound();
    const bytes = await renderPdf({ ...pdfSourceOf(document), redline });
    const file = await storeGeneratedFile(this.graph, request, {
      name: `${document.title}${redline ? ' (redline)' : ''}.pdf`,
      contentType: 'application/pdf',
      bytes,
      aboutId: toGlobalId('Document', document.id),
    });
    return FileRef.of(file.id);
  }
}
