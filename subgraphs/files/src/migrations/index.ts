import { init } from './0001-init.js';
import { avatars } from './0002-avatars.js';

export const migrations = [init, avatars];
