import { init } from './0001-init.js';
import { recurring } from './0004-recurring.js';

export const migrations = [init, recurring];
