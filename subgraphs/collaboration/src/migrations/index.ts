import { init } from './0001-init.js';
import { orgScopedReferences } from './0002-org-scoped-references.js';

export const migrations = [init, orgScopedReferences];
