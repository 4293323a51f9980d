import { init } from './0001-init.js';
import { outboxRequestOrigin } from './0002-outbox-request-origin.js';

export const migrations = [init, outboxRequestOrigin];
