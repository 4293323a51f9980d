import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateInternalContextSecret } from '@cellgraph/kernel/core';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('the object store the app reaches', () => {
  it('is the S3 endpoint as clients reach it unless WEB_STORAGE_ORIGINS names origins', () => {
    expect(parseGatewayConfig(required).webStorageOrigins).toEqual([]);
    expect(parseGatewayConfig({ ...required, S3_ENDPOINT: 'http://s3:9000', S3_PUBLIC_ENDPOINT: 'http://127.0.0.1:9000/' }).webStorageOrigins).toEqual([
      'http://127.0.0.1:9000',
    ]);
    expect(parseGatewayConfig({ ...required, S3_ENDPOINT: 'http://127.0.0.1:4569' }).webStorageOrigins).toEqual(['http://127.0.0.1:4569']);
    expect(parseGatewayConfig({ ...required, S3_ENDPOINT: 'http://s3:9000', WEB_STORAGE_ORIGINS: 'https://files.example.com' }).webStorageOrigins).toEqual([
      'https://files.example.com',
    ]);
    expect(() => parseGatewayConfig({ ...required, WEB_STORAGE_ORIGINS: '*' })).toThrow(/WEB_STORAGE_ORIGINS/);
  });
});

describe('the app and its persisted documents', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cellgraph-dist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves no app when WEB_DIST_DIR is empty, and reads the manifest from the build by default', () => {
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: '' })).toMatchObject({
      webDistDir: null,
      persistedDocumentsPath: null,
      persistedDocuments: 'allow',
    });
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: dir })).toMatchObject({
      webDistDir: dir,
      persistedDocumentsPath: null,
      persistedDocuments: 'allow',
    });
    writeFileSync(join(dir, 'persisted-documents.json'), '{}');
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: dir })).toMatchObject({
      webDistDir: dir,
      persistedDocumentsPath: join(dir, 'persisted-documents.json'),
      persistedDocuments: 'enforce',
    });
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: dir, NODE_ENV: 'development' }).persistedDocuments).toBe('allow');
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: '', PERSISTED_DOCUMENTS_PATH: '/m.json' }).persistedDocumentsPath).toBe('/m.json');
  });

  it('takes PERSISTED_DOCUMENTS as given, and refuses other values', () => {
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: '', PERSISTED_DOCUMENTS: 'enforce' }).persistedDocuments).toBe('enforce');
    expect(parseGatewayConfig({ ...required, WEB_DIST_DIR: dir, PERSISTED_DOCUMENTS: 'off' }).persistedDocuments).toBe('off');
    expect(() => parseGatewayConfig({ ...required, PERSISTED_DOCUMENTS: 'strict' })).toThrow(/PERSISTED_DOCUMENTS/);
  });
});
