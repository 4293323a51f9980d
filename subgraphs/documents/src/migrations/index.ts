import { init } from './0001-init.js';
import { deliverables } from './0002-deliverables.js';

export const migrations = [init, deliverables];
