import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';

export const migrations = [init, clauses];
