import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { verifySignature, type Credentials } from './sigv4-verifier.js';

/*
 * A real S3-compatible server over HTTP for `npm start` and tests, with no account and no Docker:
 * s3rver (objects in a directory) behind a check of every request's Signature V4, because s3rver
 * itself accepts anonymous and forged requests. Listens on 127.0.0.1 only; CORS lets the SPA's
 * origins PUT and GET with presigned URLs (preflights carry no signature and reach no object).
 */

export interface LocalS3Options {
  /** Where objects are kept. */
  directory: string;
  bucket: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Origins allowed to use presigned URLs from a browser (the SPA's). */
  corsOrigins?: readonly string[];
}

export interface LocalS3Server {
  endpoint: string;
  bucket: string;
  credentials: Credentials;
  /** The files subgraph's storage variables for this server. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** s3rver's fixed credentials (it knows no others); the server is reachable from this machine only. */
export const LOCAL_S3_CREDENTIALS: Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

function corsConfiguration(origins: readonly string[]): string {
  const rules = origins
    .map(
      (origin) => `<CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>`,
    )
    .join('\n');
  return `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">\n${rules}\n</CORSConfiguration>`;
}

function refusal(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

export async function startLocalS3Server(options: LocalS3Options): Promise<LocalS3Server> {
  mkdirSync(options.directory, { recursive: true });
  const credentials = LOCAL_S3_CREDENTIALS;
  const s3rver = new S3rver({
    directory: options.directory,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: options.corsOrigins?.length ? [corsConfiguration(options.corsOrigins)] : [] }],
  });
  await s3rver.configureBuckets();
  const handle = s3rver.callback();
  const server: Server = createServer((req, res) => {
    if (req.method === 'OPTIONS') return handle(req, res); // CORS preflight: answered from the bucket's CORS rules
    verifySignature(req, credentials).then(
      (verdict) => {
        if (verdict.ok) return handle(req, res);
        req.resume();
        res.writeHead(403, { 'content-type': 'application/xml' }).end(refusal(verdict.code, verdict.message));
      },
      (error: unknown) => {
        req.resume();
        res.writeHead(400, { 'content-type': 'application/xml' }).end(refusal('InvalidRequest', (error as Error).message));
      },
    );
  });
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket: options.bucket,
    credentials,
    env: {
      S3_ENDPOINT: endpoint,
      S3_PUBLIC_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: options.bucket,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
