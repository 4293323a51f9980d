import { init } from './0001-init.js';
import { expenses } from './0002-expenses.js';

export const migrations = [init, expenses];
