import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { revisions } from './0003-revisions.js';
import { deliverables } from './0004-deliverables.js';

export const migrations = [init, clauses, revisions, deliverables];
