// The notes module's pages, its widget and the editor: one chunk, loaded when first needed.
export { NotesPage } from './NotesPage';
export { NotePage, NoteQuickView } from './NotePage';
export { NotesWidget } from './NotesWidget';
