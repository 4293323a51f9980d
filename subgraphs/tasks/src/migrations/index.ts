import { init } from './0001-init.js';
import { moduleTables } from './0002-module.js';
import { idempotencyKeys } from './0003-idempotency.js';
import { trash } from './0004-trash.js';
import { nodeTags } from './0005-node-tags.js';
import { orgScopedReferences } from './0006-org-scoped-references.js';

export const migrations = [init, moduleTables, idempotencyKeys, trash, nodeTags, orgScopedReferences];
