import { init } from './0001-init.js';
import { payments } from './0003-payments.js';

export const migrations = [init, payments];
