import type { ApolloServer } from '@apollo/server';
import express, { type Request, type Response, type Router } from 'express';
import type { InternalContextVerifier } from '../context/internal-context.js';
import { runWithRequestContext, type SubgraphContext } from '../context/request-context.js';
import type { PublishedEvent } from '../events/outbox.js';
import { LoaderRegistry } from '../loaders/loader-registry.js';
import type { Logger } from '../logging/logger.js';
import { sendGraphQLError } from '../server/http-errors.js';
import { withReaderLocale } from '../server/reader-locale.js';
import type { SettingsReader } from '../settings/settings-reader.js';
import { LIVE_BATCH_PATH, liveBatchSignedBody, type LiveBatchAnswer, type LiveBatchBody } from './live-subscription.js';

/** Entries of one batch: more distinct subscriber contexts than this for one event take several calls. */
export const MAX_LIVE_BATCH_ENTRIES = 1_000;
const BODY_LIMIT = '8mb';

/**
 * The subgraph's batch entry point for gateway-driven subscriptions: one live event, asked of the
 * subscription field once per subscriber context (`POST /live-batch`, see LiveBatchBody). Each
 * entry is verified on its own (a context signed for this subgraph over its request and the event)
 * and executed as that context, exactly like a single `/graphql` request with the event in its
 * extensions: a subscriber who may not see the event gets its null field, nothing more. An entry
 * whose context is invalid is refused alone ({ refused: 'UNAUTHENTICATED' }), as is one whose
 * principal is not of the event's organization ({ refused: 'FORBIDDEN' }); a body that is not a
 * batch is refused whole (400).
 */
export function mountLiveBatch<TServices>(
  router: Router,
  options: {
    apollo: ApolloServer<SubgraphContext<TServices>>;
    verifier: InternalContextVerifier;
    services: TServices;
    logger: Logger;
    /** For each subscriber's locale and time zone (see withReaderLocale). */
    settings?: SettingsReader;
  },
): void {
  const { apollo, verifier, services, logger, settings } = options;
  router.post(LIVE_BATCH_PATH, express.json({ limit: BODY_LIMIT }), async (req: Request, res: Response) => {
    const body = parseBatch(req.body);
    if (!body) {
      sendGraphQLError(res, 400, 'BAD_REQUEST', `A live batch is { event, entries: [{ request, context }] } with 1 to ${MAX_LIVE_BATCH_ENTRIES} entries`);
      return;
    }
    let event: PublishedEvent;
    try {
      event = JSON.parse(body.event) as PublishedEvent;
    } catch {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'The live batch event is not JSON');
      return;
    }
    const results = await Promise.all(
      body.entries.map(async ({ request, context, delegation }): Promise<LiveBatchAnswer['results'][number]> => {
        let verified;
        try {
          verified = await verifier.verify(context, liveBatchSignedBody(body.event, request));
        } catch (error) {
          logger.warn({ reason: (error as Error).message }, 'refused a live batch entry without a valid internal context');
          return { refused: 'UNAUTHENTICATED' };
        }
        // An organization's events are only ever asked about for its own members and keys.
        if (event.orgId === null || ('orgId' in verified.principal ? verified.principal.orgId : null) !== event.orgId) return { refused: 'FORBIDDEN' };
        // The delegation is checked by the gateway when it is used; here it is only carried along (as on /graphql).
        if (typeof delegation === 'string') verified = { ...verified, delegation };
        verified = await withReaderLocale(verified, settings, logger);
        const { query, variables } = JSON.parse(request) as { query: string; variables?: Record<string, unknown> };
        const response = await runWithRequestContext(verified, () =>
          apollo.executeOperation({ query, variables }, { contextValue: { request: verified, loaders: new LoaderRegistry(), services, live: event } }),
        );
        if (response.body.kind !== 'single') return { refused: 'BAD_REQUEST' };
        const { data, errors } = response.body.singleResult;
        return errors?.length ? { data, errors: errors as unknown as Record<string, unknown>[] } : { data };
      }),
    );
    res.json({ results } satisfies LiveBatchAnswer);
  });
}

function parseBatch(body: unknown): LiveBatchBody | null {
  const candidate = body as Partial<LiveBatchBody> | undefined;
  if (typeof candidate?.event !== 'string' || !Array.isArray(candidate.entries)) return null;
  if (candidate.entries.length === 0 || candidate.entries.length > MAX_LIVE_BATCH_ENTRIES) return null;
  for (const entry of candidate.entries) {
    if (typeof entry?.request !== 'string' || typeof entry.context !== 'string') return null;
    if (entry.delegation !== undefined && typeof entry.delegation !== 'string') return null;
    try {
      const parsed = JSON.parse(entry.request) as { query?: unknown };
      if (typeof parsed?.query !== 'string') return null;
    } catch {
      return null;
    }
  }
  return candidate as LiveBatchBody;
}
