import { init } from './0001-init.js';
import { revisions } from './0003-revisions.js';

export const migrations = [init, revisions];
