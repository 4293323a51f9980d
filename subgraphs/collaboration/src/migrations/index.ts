import { init } from './0001-init.js';
import { outboxActorApiKey } from './0002-outbox-actor-api-key.js';
import { orgScopedReferences } from './0003-org-scoped-references.js';
import { maintenanceRole } from './0004-maintenance-role.js';
import { eventInbox } from './0005-event-inbox.js';
import { outboxTraceContext } from './0006-outbox-trace-context.js';
import { listIndexes } from './0007-list-indexes.js';
import { outboxRequestOrigin } from './0008-outbox-request-origin.js';

export const migrations = [init, outboxActorApiKey, orgScopedReferences, maintenanceRole, eventInbox, outboxTraceContext, listIndexes, outboxRequestOrigin];
