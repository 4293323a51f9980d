import { init } from './0001-init.js';
import { outboxActorApiKey } from './0002-outbox-actor-api-key.js';

export const migrations = [init, outboxActorApiKey];
