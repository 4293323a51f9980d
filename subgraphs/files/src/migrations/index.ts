import { init } from './0001-init.js';
import { folders } from './0002-folders.js';

export const migrations = [init, folders];
