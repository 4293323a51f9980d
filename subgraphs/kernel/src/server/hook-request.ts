/*
 * Hooks: the public HTTP routes a subgraph declares beside its GraphQL (a provider's webhooks, a
 * page a provider's simulator serves). Subgraphs are never public: the gateway forwards
 * `/hooks/<subgraph>/<path>` to the subgraph's `/<subgraph>/hooks/<path>`, signed like any hop
 * (an anonymous internal context); the subgraph refuses an unsigned one.
 */

/** Where hooks are served: on the gateway under `/hooks/<subgraph>`, on a subgraph under `/<subgraph>/hooks`. */
export const HOOKS_PATH = '/hooks';

/**
 * What the internal context of a hook request signs: its method, its path below the subgraph's
 * hooks (with the query) and its raw body, so a signature fits that one request.
 */
export function hookSignedBody(method: string, path: string, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${method.toUpperCase()} ${path}\n`), body]);
}
