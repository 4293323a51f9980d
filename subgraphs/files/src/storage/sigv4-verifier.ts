import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

/*
 * Checks AWS Signature V4 the way S3 does, for the local store (whose server, s3rver, accepts any
 * request): a header-signed request (`Authorization: AWS4-HMAC-SHA256 …`, what the SDK sends) or a
 * presigned URL (`X-Amz-Signature`, what clients get), recomputed with @smithy/signature-v4 from the
 * signed headers and compared in constant time; presigned URLs also expire. The payload hash is the
 * one the request declares (`x-amz-content-sha256`), as S3 itself takes it for the signature.
 */

export type Verdict = { ok: true } | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch' | 'InvalidAccessKeyId'; message: string };

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** `20261205T081500Z` → a Date. */
function amzDate(value: string | null | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!)) : null;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** SHA-256 (or HMAC-SHA256 with a secret) in the shape @smithy/signature-v4 expects. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Buffer =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function signer(credentials: Credentials, region: string): SignatureV4 {
  // As the SDK signs for S3: the path as sent (already encoded), the payload hash as declared.
  return new SignatureV4({ credentials, region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: true });
}

function requestOf(req: IncomingMessage, url: URL, signedHeaders: string[], query: Record<string, string | string[]>) {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = headerValue(req, name) ?? '';
  return {
    method: req.method ?? 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers,
  };
}

function queryOf(url: URL, leaveOut: Set<string>): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    if (leaveOut.has(name)) continue;
    const existing = query[name];
    query[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

const PRESIGN_PARAMS = new Set(['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature']);

export async function verifySignature(req: IncomingMessage, credentials: Credentials, now = new Date()): Promise<Verdict> {
  const url = new URL(req.url ?? '/', `http://${headerValue(req, 'host') ?? 'localhost'}`);
  const authorization = headerValue(req, 'authorization');
  if (authorization) {
    const match = AUTH.exec(authorization);
    const signingDate = amzDate(headerValue(req, 'x-amz-date'));
    if (!match || !signingDate) return { ok: false, code: 'AccessDenied', message: 'Unsupported authorization' };
    const [, accessKeyId, , region, signed, signature] = match;
    if (accessKeyId !== credentials.accessKeyId) return { ok: false, code: 'InvalidAccessKeyId', message: 'Unknown access key' };
    if (Math.abs(now.getTime() - signingDate.getTime()) > 15 * 60_000) return { ok: false, code: 'AccessDenied', message: 'Request time too skewed' };
    const names = signed!.split(';');
    const request = requestOf(req, url, names, queryOf(url, new Set()));
    const expected = await signer(credentials, region!).sign(request, { signingDate, signableHeaders: new Set(names) });
    const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization))?.[1] ?? '';
    return sameHex(expectedSignature, signature!) ? { ok: true } : { ok: false, code: 'SignatureDoesNotMatch', message: 'The signature does not match' };
  }
  const params = url.searchParams;
  const signature = params.get('X-Amz-Signature');
  if (!signature) return { ok: false, code: 'AccessDenied', message: 'Anonymous access is refused: the bucket is private' };
  const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/.exec(params.get('X-Amz-Credential') ?? '');
  const signingDate = amzDate(params.get('X-Amz-Date'));
  const expiresIn = Number(params.get('X-Amz-Expires'));
  const signed = params.get('X-Amz-SignedHeaders');
  if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256' || !credential || !signingDate || !Number.isInteger(expiresIn) || !signed) {
    return { ok: false, code: 'AccessDenied', message: 'Malformed presigned URL' };
  }
  if (credential[1] !== credentials.accessKeyId) return { ok: false, code: 'InvalidAccessKeyId', message: 'Unknown access key' };
  if (now.getTime() > signingDate.getTime() + expiresIn * 1000) return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
  const names = signed.split(';');
  const request = requestOf(req, url, names, queryOf(url, PRESIGN_PARAMS));
  // The declared payload hash travels in the query (kept there); presign reads it from this header only.
  const payloadHash = params.get('X-Amz-Content-Sha256');
  if (payloadHash) request.headers['x-amz-content-sha256'] = payloadHash;
  const declared = new Set(['x-amz-content-sha256']);
  const expected = await signer(credentials, credential[3]!).presign(request, {
    signingDate,
    expiresIn,
    signableHeaders: new Set(names),
    unhoistableHeaders: declared,
    unsignableHeaders: declared,
  });
  return sameHex(String(expected.query?.['X-Amz-Signature'] ?? ''), signature)
    ? { ok: true }
    : { ok: false, code: 'SignatureDoesNotMatch', message: 'The signature does not match' };
}
