import { init } from './0001-init.js';
import { access } from './0002-access.js';
import { outboxRelay } from './0003-outbox-relay.js';
import { trash } from './0004-trash.js';
import { apiKeyRateLimit } from './0005-api-key-rate-limit.js';
import { userProfile } from './0006-user-profile.js';
import { outboxActorApiKey } from './0007-outbox-actor-api-key.js';
import { orgScopedReferences } from './0008-org-scoped-references.js';
import { maintenanceRole } from './0009-maintenance-role.js';
import { durableRevocations } from './0010-durable-revocations.js';
import { outboxTraceContext } from './0011-outbox-trace-context.js';
import { settingsAndFlags } from './0012-settings-and-flags.js';
import { outboxRequestOrigin } from './0013-outbox-request-origin.js';

export const migrations = [
  init,
  access,
  outboxRelay,
  trash,
  apiKeyRateLimit,
  userProfile,
  outboxActorApiKey,
  orgScopedReferences,
  maintenanceRole,
  durableRevocations,
  outboxTraceContext,
  settingsAndFlags,
  outboxRequestOrigin,
];
