import {
  anonymous,
  hookSignedBody,
  INTERNAL_CONTEXT_HEADER,
  REQUEST_ID_HEADER,
  responseRequestId,
  sendGraphQLError,
  type InternalContextSigner,
} from '@cellgraph/kernel/core';
import express, { type Request, type Response, type Router } from 'express';
import type { SubgraphBreakers } from './circuit-breaker.js';
import { readerOf, requestLocale } from './reader.js';
import { gatewayMessages } from './messages.js';

export interface HookForwarding {
  signer: InternalContextSigner;
  urlOf(name: string): string;
  /** The subgraphs of the schema being served (hooks reach only those). */
  subgraphs(): readonly string[];
  breakers: SubgraphBreakers;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Rate-limits the anonymous caller as /graphql does (throws what `refuse` answers). */
  admit(req: Request, res: Response): Promise<void>;
  /** The caller's address (TRUST_PROXY applied), signed along so a hook can throttle by it. */
  clientAddress(req: Request): string;
  refuse(error: unknown, res: Response): void;
}

/** Request headers a hook never receives: credentials, hop-by-hop and the platform's own. */
const WITHHELD = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'cookie', 'authorization', 'keep-alive', 'upgrade']);
/** Response headers passed back to the caller. */
const RETURNED = ['content-type', 'content-disposition', 'location', 'cache-control'];

/**
 * `/hooks/<subgraph>/<path>`: the public HTTP routes subgraphs declare (`hooks` in their
 * definition; providers' webhooks, a simulator's pages), forwarded to `/<subgraph>/hooks/<path>`
 * with an anonymous internal context signed over method, path and raw body. The gateway adds no
 * authentication of its own (the hook checks what it accepts: a webhook's HMAC, a token) but the
 * anonymous rate limit, the body limit, the subgraph's timeout and circuit breaker.
 */
export function hookRoutes(options: HookForwarding): Router {
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: options.maxBodyBytes }), async (req, res) => {
    const slash = req.url.indexOf('/', 1);
    const name = slash === -1 ? req.url.slice(1).split('?')[0]! : req.url.slice(1, slash);
    const path = slash === -1 ? '/' : req.url.slice(slash);
    if (!options.subgraphs().includes(name)) return sendGraphQLError(res, 404, 'NOT_FOUND', readerOf(req).t(gatewayMessages.noSuchRoute));
    try {
      await options.admit(req, res);
    } catch (error) {
      return options.refuse(error, res);
    }
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const requestId = responseRequestId(res);
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(req.headers)) {
      if (WITHHELD.has(header) || header.startsWith('x-cellgraph-') || value === undefined) continue;
      headers[header] = Array.isArray(value) ? value.join(', ') : value;
    }
    const context = { requestId, principal: anonymous, clientAddress: options.clientAddress(req), locale: requestLocale(req) };
    headers[INTERNAL_CONTEXT_HEADER] = options.signer.sign(context, name, hookSignedBody(req.method, path, body));
    headers[REQUEST_ID_HEADER] = requestId;
    try {
      const target = options.urlOf(name).replace(/\/graphql\/?$/, '/hooks') + path;
      const answer = await options.breakers.of(name).fetch(target, {
        method: req.method,
        headers,
        ...(body.length ? { body } : {}),
        timeoutMs: options.timeoutMs,
      });
      // Bytes, not text: a hook may answer a file (an invoice's PDF).
      const bytes = Buffer.from(await answer.arrayBuffer());
      for (const header of RETURNED) {
        const value = answer.headers.get(header);
        if (value) res.set(header, value);
      }
      res.status(answer.status).send(bytes);
    } catch {
      sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', readerOf(req).t(gatewayMessages.subgraphNoAnswer, { name }), { retryAfter: 5 });
    }
  });
  return router;
}
