import { generate } from '@graphql-codegen/cli';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codegenConfig } from './codegen-config.js';

const ROOT = new URL('../../', import.meta.url).pathname;
export const WEB_DIR = join(ROOT, 'web');

/** What the web build is made of: its sources and the API schema its operations are typed against. */
const INPUTS = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/persisted-operations.ts', 'web/package.json', 'schema/cells/all/schema.graphql'];

/**
 * Builds the web app into `outDir` (default web/dist): operations and their persisted-document
 * manifest first (codegen, unless `codegen: false` — tests build after `npm run codegen`), then Vite's
 * production build. Skipped when the build is newer than
 * every input, unless forced.
 */
export async function buildWebApp(options: { outDir?: string; force?: boolean; codegen?: boolean } = {}): Promise<{ outDir: string; built: boolean }> {
  const outDir = options.outDir ?? join(WEB_DIR, 'dist');
  if (!options.force && isFresh(join(outDir, 'index.html'))) return { outDir, built: false };
  // Operations are generated when they are older than their sources (never while another build
  // may be reading them, as tests do after `npm run codegen`).
  if (options.codegen !== false && !isFresh(join(WEB_DIR, 'src/gql/persisted-documents.json'))) {
    await generate({ ...codegenConfig('all'), cwd: ROOT, silent: true }, true);
  }
  const { build } = await import('vite');
  // A production build whatever the caller's NODE_ENV (vitest sets `test`, which would give React's
  // development build and an app that sends documents instead of their hashes).
  const callerNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(WEB_DIR, 'vite.config.ts'), mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    if (callerNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerNodeEnv;
  }
  return { outDir, built: true };
}

function isFresh(builtFile: string): boolean {
  if (!existsSync(builtFile)) return false;
  const built = statSync(builtFile).mtimeMs;
  return INPUTS.every((input) => newestChange(join(ROOT, input)) <= built);
}

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path)
      .filter((name) => name !== 'gql')
      .map((name) => newestChange(join(path, name))),
  );
}
