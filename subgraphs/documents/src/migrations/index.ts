import { init } from './0001-init.js';
import { signatures } from './0002-signatures.js';

export const migrations = [init, signatures];
