/**
 * `npm run build`: compiles what the container image runs — every workspace with a `build` script
 * (src → dist) and the runtime scripts (scripts/service.ts, runtime/, services/ → build/scripts) —
 * with swc, the transform `npm start` and the tests already run through @swc-node/register, ahead
 * of time. It only strips types: `npm run typecheck` checks them (and CI runs it first).
 * `npm run build -w <workspace>` compiles that workspace alone (its script passes its directory).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformFile, type Options } from '@swc/core';
import { workspacesOf } from './stage-runtime.js';

const ROOT = new URL('../', import.meta.url).pathname;

/** What tsconfig.base.json asks of the emitted code: ES modules, legacy decorators with type metadata (type-graphql), class fields assigned as TypeScript does. */
const SWC_OPTIONS: Options = {
  swcrc: false,
  sourceMaps: true,
  module: { type: 'es6' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    // type-graphql names GraphQL types after classes: keep every class's name.
    keepClassNames: true,
  },
};

/** A compilation: the TypeScript sources under `from` (tests and declarations left out) into `to`. */
interface Unit {
  from: string;
  to: string;
  /** Only these entries of `from` (files or directories); all of it when absent. */
  only?: string[];
}

export function buildUnits(root = ROOT, workspaces = workspacesOf(root)): Unit[] {
  return [
    ...workspaces.map((workspace) => ({ from: join(root, workspace, 'src'), to: join(root, workspace, 'dist') })),
    { from: join(root, 'scripts'), to: join(root, 'build/scripts'), only: ['service.ts', 'runtime', 'services'] },
  ];
}

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

async function compile(unit: Unit): Promise<number> {
  rmSync(unit.to, { recursive: true, force: true });
  const entries = unit.only?.map((entry) => join(unit.from, entry)) ?? [unit.from];
  const files = entries.flatMap((entry) => (statSync(entry).isDirectory() ? sourcesOf(entry) : [entry]));
  await Promise.all(
    files.map(async (file) => {
      const out = join(unit.to, relative(unit.from, file)).replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, { ...SWC_OPTIONS, filename: file, sourceFileName: relative(dirname(out), file) });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
      if (map) writeFileSync(`${out}.map`, map);
    }),
  );
  return files.length;
}

export async function build(units: Unit[], log: (line: string) => void = console.log): Promise<void> {
  for (const unit of units) {
    const count = await compile(unit);
    log(`${relative(ROOT, unit.to)}: ${count} files`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const workspace = process.argv[2];
  await build(workspace ? [{ from: join(resolve(workspace), 'src'), to: join(resolve(workspace), 'dist') }] : buildUnits());
}
