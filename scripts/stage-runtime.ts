/**
 * `npm run stage:runtime -- <dir>`: lays out in <dir> what the container image runs, after `npm run
 * build`: the compiled output in the repository's layout (each workspace's package.json and dist/,
 * build/scripts/, schema/) and the production dependencies only (`npm ci --omit=dev`, no install
 * scripts). The Dockerfile's build stage runs it into /app; test/build.test.ts runs it
 * into a temporary directory and serves a cell from there.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../', import.meta.url).pathname;

/** Every workspace of the root package.json: the image carries each one's package.json (the lock file names them all). */
export function allWorkspacesOf(root: string): string[] {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
}

/**
 * The workspaces the image runs, compiled: those with a `build` script. infra-pulumi/ has none: the
 * Pulumi CLI runs it from the sources, never the image (its Pulumi packages are dev dependencies,
 * which `npm ci --omit=dev` leaves out).
 */
export function workspacesOf(root: string): string[] {
  return allWorkspacesOf(root).filter(
    (workspace) => (JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts?.build,
  );
}

export function stageRuntime(target: string, root = ROOT): void {
  const workspaces = workspacesOf(root);
  const compiled = ['build/scripts', ...workspaces.map((workspace) => join(workspace, 'dist'))];
  const missing = compiled.filter((dir) => !existsSync(join(root, dir)));
  if (missing.length) throw new Error(`Not built: ${missing.join(', ')} (run npm run build first)`);
  if (existsSync(target) && readdirSync(target).length) throw new Error(`${target} is not empty`);
  mkdirSync(target, { recursive: true });
  for (const path of [
    'package.json',
    'package-lock.json',
    'schema',
    ...compiled,
    ...allWorkspacesOf(root).map((workspace) => join(workspace, 'package.json')),
  ]) {
    cpSync(join(root, path), join(target, path), { recursive: true });
  }
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: target,
    stdio: ['ignore', 'pipe', 'pipe'], // a failure's message carries npm's stderr
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const target = process.argv[2];
  if (!target) {
    console.error('Usage: npm run stage:runtime -- <dir>');
    process.exit(1);
  }
  stageRuntime(resolve(target));
}
