import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** GraphiQL, React and ReactDOM, served from the installed packages: the explorer works offline. */
const ASSETS: Record<string, string> = {
  'react.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

const DEFAULT_QUERY = `# Welcome to Cellgraph. Sign in, then put the token in the Headers tab:
#   { "Authorization": "Bearer <accessToken>" }
mutation SignIn($email: String!, $password: String!) {
  sessionCreate(input: { email: $email, password: $password }) {
    session { accessToken expiresAt user { id email } organization { id name } }
    userErrors { code field message }
  }
}
`;

/** Static assets of the explorer, mounted at /explorer. */
export function explorerAssets(): Router {
  const router = express.Router();
  router.get('/:asset', (req, res) => {
    const file = ASSETS[req.params.asset];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.sendFile(file, { maxAge: '1d', immutable: true });
  });
  return router;
}

/** Whether a GET on the endpoint comes from a browser that wants the explorer page. */
export function wantsExplorer(accept: string | undefined, hasQuery: boolean): boolean {
  return !hasQuery && (accept ?? '').includes('text/html');
}

/** The explorer page: GraphiQL with a headers editor, docs and history, pointed at `endpoint`. */
export function explorerPage(endpoint: string): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const config = JSON.stringify({ endpoint, defaultQuery: DEFAULT_QUERY }).replaceAll('<', '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Cellgraph explorer</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/explorer/graphiql.css">
  <style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script nonce="${nonce}">
    const config = ${config};
    const url = new URL(config.endpoint, location.href);
    // Subscriptions go over WebSocket to the same endpoint; the Headers tab becomes connection_init's payload.
    const subscriptionUrl = url.toString().replace(/^http/, 'ws');
    const fetcher = GraphiQL.createFetcher({ url: url.toString(), subscriptionUrl });
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: config.defaultQuery,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: 'headers',
      }),
    );
  </script>
</body>
</html>`;
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
