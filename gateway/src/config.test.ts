import { generateInternalContextSecret } from '@cellgraph/kernel/core';
import { describe, expect, it } from 'vitest';
import { parseGatewayConfig } from './config.js';

const required = {
  SUPERGRAPH_PATH: '/cells/all/supergraph.graphql',
  INTERNAL_CONTEXT_SECRET: generateInternalContextSecret(),
  REDIS_URL: 'redis://127.0.0.1:6379',
  CELL_NAME: 'all',
};

describe('CORS configuration', () => {
  it('allows no origin by default in production, the SPA dev server in development', () => {
    expect(parseGatewayConfig(required).corsOrigins).toEqual([]);
    expect(parseGatewayConfig({ ...required, NODE_ENV: 'development' }).corsOrigins).toEqual(['http://localhost:5173']);
    expect(parseGatewayConfig({ ...required, NODE_ENV: 'development', CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list of origins and refuses anything that is not an origin', () => {
    expect(parseGatewayConfig({ ...required, CORS_ORIGINS: 'https://app.example.com, http://localhost:8080' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:8080',
    ]);
    expect(parseGatewayConfig({ ...required, CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    expect(() => parseGatewayConfig({ ...required, CORS_ORIGINS: 'https://app.example.com/' })).toThrow(/CORS_ORIGINS/);
    expect(() => parseGatewayConfig({ ...required, CORS_ORIGINS: 'app.example.com' })).toThrow(/CORS_ORIGINS/);
  });
});
