import { init } from './0001-init.js';
import { clauses } from './0002-clauses.js';
import { approvals } from './0003-approvals.js';

export const migrations = [init, clauses, approvals];
