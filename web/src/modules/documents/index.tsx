import type { ModuleDefinition } from '../../app/registry';
import { moduleMessages as m } from './moduleMessages';

// Pages and the editor are one lazy chunk: the shell only carries this file.
const pages = () => import('./pages');

/** The registry takes plain labels: each is read, in the reader's language, whenever the shell renders it. */

export const documentsModule: ModuleDefinition = {
  subgraph: 'documents',
  navigation: [
    {
      label: m.navigation,
      path: '/documents',
      icon: '§',
      order: 35,
    },
  ],
  routes: [
    { path: '/documents', lazy: async () => ({ Component: (await pages()).DocumentsPage }) },
    { path: '/documents/:documentId', lazy: async () => ({ Component: (await pages()).DocumentPage }) },
  ],
  // Review links e-mailed to people without an account open here (documents' APP_URL/review?token=…).
  publicRoutes: [{ path: '/review', lazy: async () => ({ Component: (await pages()).ReviewPage }) }],
  commands: [
    {
      id: 'documents:new-document',
      label: m.newDocument,
      group: 'Create',
      keywords: ['document', 'contract', 'proposal'],
      path: '/documents?new=1',
    },
    {
      id: 'documents:all-documents',
      label: m.goToDocuments,
      group: 'Navigate',
      keywords: ['documents', 'contracts'],
      path: '/documents',
    },
  ],
};
