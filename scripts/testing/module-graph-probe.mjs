// Imports the module named by argv[2] and prints (JSON) every file it loaded: those resolved by
// `import` (through module-graph-hooks.mjs) and those loaded by `require` (require.cache).
// Run by module-graph.ts, under the same flags as the processes (source conditions, swc).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'module-graph-'));
const recordFile = join(dir, 'resolved');
register('./module-graph-hooks.mjs', import.meta.url, { data: { recordFile } });
await import(process.argv[2]);
const imported = readFileSync(recordFile, 'utf8')
  .split('\n')
  .filter((url) => url.startsWith('file:'))
  .map((url) => fileURLToPath(url));
rmSync(dir, { recursive: true, force: true });
const required = Object.keys(createRequire(import.meta.url).cache);
// Exit once the list is written (a pipe may take it in several writes): whatever the import left
// open (timers, sockets) must not keep the probe alive.
process.stdout.write(JSON.stringify([...new Set([...imported, ...required])].sort()), () => process.exit(0));
