import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedUrl } from '../ssrf/url-guard.js';

/** How much of a response body a delivery keeps (the log shows it). */
export const RESPONSE_EXCERPT_BYTES = 2048;

export interface PostOutcome {
  status: number | null;
  bodyExcerpt: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs `body` to a checked URL, connecting to the address that was checked (the host name is kept
 * for the Host header and, over https, for SNI and the certificate check). Redirects are not
 * followed (a 3xx is an answer like any non-2xx); the whole exchange is bounded by `timeoutMs`;
 * only the first 2 KB of the response body are read.
 */
export function postJson(target: CheckedUrl, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  const started = performance.now();
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup,
    agent: false,
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...outcome, durationMs: Math.round(performance.now() - started) });
    };
    const request = send(target.url, options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({ status: response.statusCode ?? null, bodyExcerpt: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8'), error: null });
      response.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_EXCERPT_BYTES) {
          done();
          response.destroy();
        }
      });
      response.on('end', done);
      response.on('error', done);
    });
    // One deadline for the whole exchange: a receiver that trickles its answer is cut off too.
    const deadline = setTimeout(() => {
      request.destroy(new Error(`no response within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', (error) => finish({ status: null, bodyExcerpt: null, error: error.message || String(error) }));
    request.end(body);
  });
}
