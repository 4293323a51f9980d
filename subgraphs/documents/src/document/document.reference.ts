import {
  argumentsKey,
  parseNodeConnectionRequest,
  referenceThroughLoader,
  type Connection,
  type ReferenceResolver,
  type SubgraphContext,
} from '@cellgraph/kernel';
import type { DocumentsServices } from '../services.js';
import { DocumentConnection } from './document-connection.js';
import type { Document } from './document.entity.js';
import { documentById } from './document.loaders.js';

export const resolveDocumentReference = referenceThroughLoader<DocumentsServices, unknown>('Document', (context) =>
  documentById(context.services, context.loaders, context.request),
);

/**
 * `Node.documents(…)` of any object (a contact, a deal), as the node subgraph asks for it: the
 * reference names the object and the page. The objects of one fetch asking the same page share one
 * loader, so a page of N contacts costs one statement for all their documents.
 */
export const resolveDocumentConnectionReference: ReferenceResolver<SubgraphContext<DocumentsServices>> = async (reference, context) => {
  const request = String(reference.request);
  const { about, ...page } = parseNodeConnectionRequest(request);
  const loader = context.loaders.get<string, Connection<Document>>(`documents-about:${argumentsKey(page)}`, (abouts) =>
    context.services.documents.aboutPages(context.request, abouts, page),
  );
  return DocumentConnection.of(request, await loader.load(about));
};
