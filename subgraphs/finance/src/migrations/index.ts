import { init } from './0001-init.js';
import { expenses } from './0002-expenses.js';
import { recurring } from './0004-recurring.js';

export const migrations = [init, expenses, recurring];
