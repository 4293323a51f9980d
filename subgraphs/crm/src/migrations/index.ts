import { init } from './0001-init.js';
import { trash } from './0002-trash.js';

export const migrations = [init, trash];
