import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { revisions } from './0003-revisions.js';
import { signatures } from './0004-signatures.js';

export const migrations = [init, clauses, revisions, signatures];
