/**
 * `npm run checks`: the static checks `npm test` runs before the tests — lint (code, workflows),
 * format, typecheck (the packages, the web app), schema freshness and compatibility — two at a time
 * (CI's two cores; each check is one single-threaded process), longest first. Each check's output
 * is printed whole when it ends, so two never interleave; the run fails when any check failed.
 */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The npm scripts it runs, longest first (CI's workflow runs each as a step of its own). */
export const STATIC_CHECKS: readonly string[] = [
  'typecheck:packages',
  'lint',
  'format:check',
  'typecheck:web',
  'compose:check',
  'schema:check',
  'lint:workflows',
];
const AT_ONCE = Number(process.env.CHECKS_AT_ONCE ?? 2);

function run(script: string): Promise<boolean> {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`${ok ? '✓' : '✗'} ${script} (${seconds} s)${ok ? '' : `: exit ${code ?? signal}`}`);
      if (output.trim() && !ok) console.log(output.trimEnd());
      resolve(ok);
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const queue = [...STATIC_CHECKS];
  const results: boolean[] = [];
  await Promise.all(
    Array.from({ length: AT_ONCE }, async () => {
      for (let script = queue.shift(); script; script = queue.shift()) results.push(await run(script));
    }),
  );
  if (results.includes(false)) {
    console.error(`\n${results.filter((ok) => !ok).length} of ${STATIC_CHECKS.length} checks failed`);
    process.exit(1);
  }
}
