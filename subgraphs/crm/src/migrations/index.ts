import { init } from './0001-init.js';
import { trash } from './0002-trash.js';
import { customFieldIndex } from './0003-custom-field-index.js';
import { nodeTags } from './0004-node-tags.js';
import { outboxActorApiKey } from './0005-outbox-actor-api-key.js';
import { orgScopedReferences } from './0006-org-scoped-references.js';
import { maintenanceRole } from './0007-maintenance-role.js';
import { eventInbox } from './0008-event-inbox.js';
import { outboxTraceContext } from './0009-outbox-trace-context.js';
import { listIndexes } from './0010-list-indexes.js';
import { outboxRequestOrigin } from './0011-outbox-request-origin.js';

export const migrations = [
  init,
  trash,
  customFieldIndex,
  nodeTags,
  outboxActorApiKey,
  orgScopedReferences,
  maintenanceRole,
  eventInbox,
  outboxTraceContext,
  listIndexes,
  outboxRequestOrigin,
];
