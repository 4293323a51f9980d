export { notificationsSubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { NotificationsServices } from './services.js';
export { readSentPushes, type PushProvider, type PushMessage, type SentPush } from './delivery/push.js';
