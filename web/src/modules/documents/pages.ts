// The documents module's pages and the track-changes editor: one chunk, loaded when first needed.
export { DocumentsPage } from './DocumentsPage';
export { DocumentPage } from './DocumentPage';
export { ReviewPage } from './ReviewPage';
