import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listen } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell } from '../../scripts/testing/cell-harness.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/app-abc.js"></script></head><body><div id="root"></div></body></html>';
const APP_JS = 'console.log("cellgraph");';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

let dist: string;
let cell: TestCell;
let base: string;

beforeAll(async () => {
  // A build as Vite writes it, with the manifest the gateway reads and does not publish.
  dist = mkdtempSync(join(tmpdir(), 'cellgraph-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX_HTML);
  writeFileSync(join(dist, 'assets', 'app-abc.js'), APP_JS);
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dist, 'persisted-documents.json'), '{}');
  cell = await startTestCell({ env: { WEB_DIST_DIR: dist } });
  base = cell.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await cell?.stop();
  rmSync(dist, { recursive: true, force: true });
});

describe('the SPA served by the gateway', () => {
  it('answers deep links with index.html, its security headers and no caching without revalidation', async () => {
    for (const path of ['/', '/tasks/boards/123', '/invitations/accept?token=abc.def']) {
      const response = await fetch(`${base}${path}`, { headers: HTML });
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(INDEX_HTML);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      const csp = response.headers.get('content-security-policy')!.split('; ');
      const host = new URL(base).host;
      // The files subgraph's store as browsers reach it (the test run's S3 server): uploads go there, avatars come from there.
      const store = new URL(process.env.S3_PUBLIC_ENDPOINT ?? process.env.S3_ENDPOINT!).origin;
      expect(csp).toEqual(
        expect.arrayContaining([
          "script-src 'self'",
          `connect-src 'self' ws://${host} wss://${host} ${store}`,
          `img-src 'self' data: blob: ${store}`,
          "style-src 'self' 'unsafe-inline'",
          "frame-ancestors 'none'",
        ]),
      );
    }
    const head = await fetch(`${base}/tasks`, { method: 'HEAD', headers: HTML });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves hashed assets for a year, immutable; other files revalidated', async () => {
    const asset = await fetch(`${base}/assets/app-abc.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(APP_JS);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing asset 404, never index.html, even to a browser', async () => {
    for (const headers of [{}, HTML]) {
      const missing = await fetch(`${base}/assets/x.js`, { headers });
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    }
    // The manifest is the gateway's, not a file of the app.
    expect((await fetch(`${base}/persisted-documents.json`)).status).toBe(404);
    // A client that does not want HTML gets the API's 404.
    expect((await fetch(`${base}/tasks/boards/123`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('leaves the gateway’s own paths as they were', async () => {
    const graphql = await cell.gql('{ __typename }');
    expect(graphql.data).toEqual({ __typename: 'Query' });
    expect(graphql.headers.get('content-security-policy')).toBeNull();
    const live = await fetch(`${base}/health/live`, { headers: HTML });
    expect(await live.json()).toEqual({ status: 'ok' });
    for (const path of ['/health/nothing', '/.well-known/nothing', '/metrics', '/explorer/nothing.js']) {
      const response = await fetch(`${base}${path}`, { headers: HTML });
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/json/);
    }
    // /auth/… is the browser sessions' (a request without their header is refused before any route).
    const auth = await fetch(`${base}/auth/nothing`, { headers: HTML });
    expect(auth.status).toBe(403);
    expect(auth.headers.get('content-type')).toMatch(/json/);
    // GET /graphql from a browser is still the gateway's (Apollo here: no explorer outside development).
    const browserGet = await fetch(cell.gatewayUrl, { headers: HTML });
    expect(await browserGet.text()).not.toBe(INDEX_HTML);
  });

  it('serves nothing on / without WEB_DIST_DIR', async () => {
    const gateway = await createGateway(
      parseGatewayConfig({
        SUPERGRAPH_PATH: new URL('../../schema/cells/all/supergraph.graphql', import.meta.url).pathname,
        SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
        INTERNAL_CONTEXT_SECRET: cell.keys.internalContextSecret,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: cell.keyPrefix,
        WEB_DIST_DIR: '',
      }),
    );
    const { server, url } = await listen(gateway.app, 0);
    try {
      const root = await fetch(`${url}/`, { headers: HTML });
      expect(root.status).toBe(404);
      expect(((await root.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
    } finally {
      await closeServer(server);
      await gateway.stop();
    }
  });
});
