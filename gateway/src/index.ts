export { createGateway, type Gateway } from './server.js';
export { parseGatewayConfig, type GatewayConfig } from './config.js';
