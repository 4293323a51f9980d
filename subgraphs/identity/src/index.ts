export { identitySubgraph } from './subgraph.js';
export { createServer } from './server.js';
export type { IdentityServices } from './services.js';
export { grantPlatformAdmin, listPlatformAdmins, revokePlatformAdmin } from './feature-flag/platform-admins.js';
