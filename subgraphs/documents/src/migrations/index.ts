import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { signatures } from './0003-signatures.js';

export const migrations = [init, clauses, signatures];
