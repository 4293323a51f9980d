import { init } from './0001-init.js';
import { approvals } from './0002-approvals.js';

export const migrations = [init, approvals];
