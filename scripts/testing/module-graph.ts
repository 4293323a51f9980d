import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const ROOT = new URL('../../', import.meta.url).pathname;
const PROBE = new URL('./module-graph-probe.mjs', import.meta.url).pathname;

/** The package a loaded file belongs to (`typeorm`, `@apollo/subgraph`), or undefined for our own sources. */
export function packageOf(file: string): string | undefined {
  const parts = file.split('/node_modules/');
  if (parts.length < 2) return undefined;
  const [scope, name] = parts.at(-1)!.split('/');
  return scope!.startsWith('@') ? `${scope}/${name}` : scope;
}

/**
 * Every file and package a fresh Node process loads when it imports `specifier` — as the runtime
 * loads it (source conditions, swc), ESM imports and CommonJS requires alike. The loader itself
 * (@swc-node/register and what it needs) is loaded before the import and counted too.
 */
export async function moduleGraphOf(specifier: string): Promise<{ files: string[]; packages: Set<string> }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', PROBE, specifier],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const files = JSON.parse(stdout) as string[];
  return { files, packages: new Set(files.map(packageOf).filter((name) => name !== undefined)) };
}
