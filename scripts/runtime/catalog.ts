import { auditSubgraph } from '@cellgraph/audit';
import { collaborationSubgraph } from '@cellgraph/collaboration';
import { crmSubgraph } from '@cellgraph/crm';
import { documentsSubgraph } from '@cellgraph/documents';
import { exportsSubgraph } from '@cellgraph/exports';
import { filesSubgraph } from '@cellgraph/files';
import { financeSubgraph } from '@cellgraph/finance';
import { identitySubgraph } from '@cellgraph/identity';
import { importsSubgraph } from '@cellgraph/imports';
import type { AnySubgraphDefinition } from '@cellgraph/kernel';
import { notesSubgraph } from '@cellgraph/notes';
import { notificationsSubgraph } from '@cellgraph/notifications';
import { searchSubgraph } from '@cellgraph/search';
import { tasksSubgraph } from '@cellgraph/tasks';
import { webhooksSubgraph } from '@cellgraph/webhooks';

/** Every subgraph a cell can enable, by name. Adding a subgraph package means adding it here. */
export const catalog: Readonly<Record<string, AnySubgraphDefinition>> = {
  identity: identitySubgraph,
  tasks: tasksSubgraph,
  crm: crmSubgraph,
  collaboration: collaborationSubgraph,
  notifications: notificationsSubgraph,
  notes: notesSubgraph,
  files: filesSubgraph,
  documents: documentsSubgraph,
  finance: financeSubgraph,
  audit: auditSubgraph,
  search: searchSubgraph,
  webhooks: webhooksSubgraph,
  imports: importsSubgraph,
  exports: exportsSubgraph,
};
