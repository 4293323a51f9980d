import { init } from './0001-init.js';

export const migrations = [init];
