import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';

/** Vite's hashed output: a file's name changes with its content, so it may be kept forever. */
const ASSETS_PREFIX = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Paths that belong to the gateway: never answered with the app's page. */
const GATEWAY_PATHS = [/^\/graphql(\/|$)/, /^\/health(\/|$)/, /^\/\.well-known(\/|$)/, /^\/explorer/, /^\/auth(\/|$)/, /^\/metrics(\/|$)/];

/** Files of the build that are not the app's to publish (the gateway reads the manifest itself). */
const PRIVATE_FILES = new Set(['/persisted-documents.json']);

/** A Host header fit to be written into a CSP source (host, IPv4, [IPv6], optional port). */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** An origin fit to be written into a CSP source (`scheme://host[:port]`, nothing else). */
const ORIGIN = /^https?:\/\/(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The app page's Content-Security-Policy: scripts from the gateway's own origin only; the app
 * talks to its own /graphql, over HTTP and WebSocket (ws:/wss: of the same host, which older
 * browsers do not count as 'self'), and to the object store (`storageOrigins`: it PUTs files to
 * presigned URLs and shows avatars from presigned GETs); inline styles allowed (Radix and cmdk
 * inject them); never framed.
 */
export function appContentSecurityPolicy(host: string | undefined, storageOrigins: readonly string[] = []): string {
  const sockets = host && HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  const storage = storageOrigins
    .filter((origin) => ORIGIN.test(origin))
    .map((origin) => ` ${origin}`)
    .join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${sockets}${storage}`,
    `img-src 'self' data: blob:${storage}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The SPA's production build (Vite's `dist`): its files, `/assets/*` cached forever, and
 * `index.html` — never cached without revalidation, with the app's security headers — for every
 * other page a browser asks for (deep links such as /tasks/boards/123), so the client-side router
 * takes over. A missing asset stays a 404; the gateway's own paths are never the app's.
 * Mount after the gateway's routes and before the 404 handler.
 */
export function webApp(distDir: string, storageOrigins: readonly string[] = []): Router {
  const indexHtml = join(distDir, 'index.html');
  const assetsDir = join(distDir, ASSETS_PREFIX);
  if (!existsSync(indexHtml)) throw new Error(`WEB_DIST_DIR ${distDir} has no index.html: build the app (npm run build in web/) or unset WEB_DIST_DIR`);
  const router = express.Router();
  const sendIndex = (req: Request, res: Response) => {
    res.set({
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': appContentSecurityPolicy(req.header('host'), storageOrigins),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
    });
    res.sendFile(indexHtml, { cacheControl: false, dotfiles: 'deny' });
  };
  const isPage = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !GATEWAY_PATHS.some((path) => path.test(req.path));
  router.use((req, res, next) => {
    if (!isPage(req)) return next('router');
    if (PRIVATE_FILES.has(req.path)) return next('router');
    if (req.path === '/index.html') return sendIndex(req, res);
    next();
  });
  router.use(
    express.static(distDir, {
      index: false,
      dotfiles: 'ignore',
      fallthrough: true,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', file.startsWith(assetsDir) ? IMMUTABLE : 'no-cache');
        res.setHeader('X-Content-Type-Options', 'nosniff');
      },
    }),
  );
  router.use((req, res, next) => {
    // A missing asset is a 404 (a stale page asking for an old chunk must fail, not get HTML).
    if (req.path.startsWith(ASSETS_PREFIX)) return next('router');
    if (!(req.header('accept') ?? '').includes('text/html')) return next('router');
    sendIndex(req, res);
  });
  return router;
}
