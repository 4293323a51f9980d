import { init } from './0001-init.js';
import { moduleTables } from './0002-module.js';
import { idempotencyKeys } from './0003-idempotency.js';
import { trash } from './0004-trash.js';
import { nodeTags } from './0005-node-tags.js';
import { outboxActorApiKey } from './0006-outbox-actor-api-key.js';
import { orgScopedReferences } from './0007-org-scoped-references.js';
import { maintenanceRole } from './0008-maintenance-role.js';
import { eventInbox } from './0009-event-inbox.js';
import { outboxTraceContext } from './0010-outbox-trace-context.js';
import { listIndexes } from './0011-list-indexes.js';
import { outboxRequestOrigin } from './0012-outbox-request-origin.js';

export const migrations = [
  init,
  moduleTables,
  idempotencyKeys,
  trash,
  nodeTags,
  outboxActorApiKey,
  orgScopedReferences,
  maintenanceRole,
  eventInbox,
  outboxTraceContext,
  listIndexes,
  outboxRequestOrigin,
];
