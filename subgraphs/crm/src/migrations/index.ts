import { init } from './0001-init.js';
import { trash } from './0002-trash.js';
import { customFieldIndex } from './0003-custom-field-index.js';

export const migrations = [init, trash, customFieldIndex];
