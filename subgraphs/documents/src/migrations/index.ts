import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { deliverables } from './0003-deliverables.js';

export const migrations = [init, clauses, deliverables];
