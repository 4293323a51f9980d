import type { ModuleDefinition } from '../../app/registry';

// Pages and the editor are one lazy chunk: the shell only carries this file.
const pages = () => import('./pages');

export const documentsModule: ModuleDefinition = {
  subgraph: 'documents',
  navigation: [{ label: 'Documents', path: '/documents', icon: '§', order: 35 }],
  routes: [
    { path: '/documents', lazy: async () => ({ Component: (await pages()).DocumentsPage }) },
    { path: '/documents/:documentId', lazy: async () => ({ Component: (await pages()).DocumentPage }) },
  ],
  // Review links e-mailed to people without an account open here (documents' APP_URL/review?token=…).
  publicRoutes: [{ path: '/review', lazy: async () => ({ Component: (await pages()).ReviewPage }) }],
  commands: [
    { id: 'documents:new-document', label: 'New document', group: 'Create', keywords: ['document', 'contract', 'proposal'], path: '/documents?new=1' },
    { id: 'documents:all-documents', label: 'Go to documents', group: 'Navigate', keywords: ['documents', 'contracts'], path: '/documents' },
  ],
};
