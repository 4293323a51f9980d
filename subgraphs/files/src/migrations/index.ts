import { init } from './0001-init.js';
import { folders } from './0002-folders.js';
import { avatars } from './0003-avatars.js';
import { outboxRequestOrigin } from './0004-outbox-request-origin.js';

export const migrations = [init, folders, avatars, outboxRequestOrigin];
