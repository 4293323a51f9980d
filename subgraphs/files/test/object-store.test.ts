import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalS3Server, type LocalS3Server } from '../src/storage/local-s3-server.js';
import { S3ObjectStore } from '../src/storage/object-store.js';
import { verifySignature } from '../src/storage/sigv4-verifier.js';
import { parseStorageConfig } from '../src/storage/storage.config.js';

// The object store against the local S3-compatible server, over HTTP, as clients use it.
describe('object store on the local S3 server', () => {
  let directory: string;
  let server: LocalS3Server;
  let store: S3ObjectStore;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'cellgraph-s3-'));
    server = await startLocalS3Server({ directory, bucket: 'object-store-test', corsOrigins: ['http://localhost:4000', 'http://127.0.0.1:*'] });
    store = new S3ObjectStore(parseStorageConfig(server.env));
  });

  afterAll(async () => {
    store.close();
    await server.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('uploads with a presigned PUT, reads it back and downloads it as an attachment with its name', async () => {
    const put = await store.presignPut('org/a/one', 'text/plain', 5, 60);
    const uploaded = await fetch(put.url, { method: 'PUT', headers: put.headers, body: 'hello' });
    expect(uploaded.status).toBe(200);
    expect(await store.head('org/a/one')).toEqual({ size: 5, contentType: 'text/plain' });
    expect(await store.sha256('org/a/one')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect((await store.readStart('org/a/one', 2)).toString()).toBe('he');

    const get = await store.presignGet('org/a/one', 'résumé "final".txt', 'text/plain', 60);
    const downloaded = await fetch(get.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ _final_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt`,
    );
    expect(await downloaded.text()).toBe('hello');

    await store.delete(['org/a/one', 'org/a/absent']);
    expect(await store.head('org/a/one')).toBeNull();
  });

  it('refuses anonymous requests, tampered URLs and a PUT of another size or type than signed', async () => {
    const put = await store.presignPut('org/a/two', 'text/plain', 5, 60);
    expect((await fetch(put.url, { method: 'PUT', headers: put.headers, body: 'hello, world' })).status).toBe(403);
    expect((await fetch(put.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: 'hello' })).status).toBe(403);
    expect(await store.head('org/a/two')).toBeNull();
    expect((await fetch(put.url, { method: 'PUT', headers: put.headers, body: 'hello' })).status).toBe(200);

    expect((await fetch(`${server.endpoint}/object-store-test/org/a/two`)).status).toBe(403);
    const get = await store.presignGet('org/a/two', 'two.txt', 'text/plain', 60);
    expect((await fetch(get.url.replace('org/a/two', 'org/a/one'))).status).toBe(403);
    expect((await fetch(get.url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604800'))).status).toBe(403);
    expect((await fetch(get.url)).status).toBe(200);
  });

  it('refuses a presigned URL once it has expired', async () => {
    const get = await store.presignGet('org/a/two', 'two.txt', 'text/plain', 60);
    const url = new URL(get.url);
    const request = { method: 'GET', url: `${url.pathname}${url.search}`, headers: { host: url.host } } as unknown as IncomingMessage;
    expect(await verifySignature(request, server.credentials)).toEqual({ ok: true });
    expect(await verifySignature(request, server.credentials, new Date(Date.now() + 61_000))).toMatchObject({ ok: false, message: 'Request has expired' });
  });

  it('answers the SPA origin a CORS preflight for a presigned PUT, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.endpoint}/object-store-test/org/a/three`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
    const spa = await preflight('http://localhost:4000');
    expect(spa.status).toBe(200);
    expect(spa.headers.get('access-control-allow-methods')).toContain('PUT');
    expect((await preflight('https://elsewhere.example')).status).toBe(403);
  });

  it('lets an app origin of any port when its rule has a wildcard, and answers its PUT with CORS headers the browser needs', async () => {
    const origin = 'http://127.0.0.1:51234';
    const preflight = await fetch(`${server.endpoint}/object-store-test/org/a/four`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    // s3rver answers a preflight it allows with `*` (presigned requests carry no credentials, so browsers accept it).
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const put = await store.presignPut('org/a/four', 'text/plain', 4, 60);
    const uploaded = await fetch(put.url, { method: 'PUT', headers: { ...put.headers, origin }, body: 'four' });
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe(origin);
    expect(
      (
        await fetch(`${server.endpoint}/object-store-test/org/a/four`, {
          method: 'OPTIONS',
          headers: { origin: 'http://127.0.0.2:80', 'access-control-request-method': 'PUT' },
        })
      ).status,
    ).toBe(403);
  });
});
