import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import { AGGREGATE_NAME, defaultAggregate, MODULE_NAME, render, RESERVED_NAMES, scaffoldNames, type ScaffoldNames } from './names.js';

/*
 * `npm run new:subgraph -- <name>`: writes subgraphs/<name>/ from scripts/scaffold/templates/ (the
 * kernel's one aggregate shape) and registers the module — workspace, catalog, cell, the platform
 * tests that name a cell's modules — then links the workspace and composes the schema.
 */

/** A refusal to generate: the message says why, the command exits with 1. */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

export interface ScaffoldOptions {
  /** The repository to write into. */
  root: string;
  name: string;
  /** The cell to enable it in (default `all`). */
  cell?: string;
  /** The aggregate's PascalCase name (default: the module's name, singular). */
  aggregate?: string;
  /** `npm install` to link the workspace (default); false: a symlink in node_modules/@cellgraph instead. */
  install?: boolean;
  /** Run `npm run compose` (default true). */
  compose?: boolean;
  log?: (line: string) => void;
}

export interface ScaffoldResult {
  names: ScaffoldNames;
  /** Files written, relative to the root. */
  created: string[];
  /** Files edited to register the module, relative to the root. */
  registered: string[];
}

const TEMPLATES = join(import.meta.dirname, 'templates');

export function generateSubgraph(options: ScaffoldOptions): ScaffoldResult {
  const { root } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const cell = options.cell ?? 'all';
  const names = validate(options, cell);
  const moduleDir = join(root, 'subgraphs', names.module);

  const created: string[] = [];
  for (const template of templateFiles(TEMPLATES)) {
    const target = join(moduleDir, template.replace(/\.tmpl$/, '').replaceAll('aggregate', names.aggFile));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, render(readFileSync(join(TEMPLATES, template), 'utf8'), names.values, template));
    created.push(relative(root, target));
  }
  log(`created subgraphs/${names.module}/ (${created.length} files): aggregate ${names.aggregate}`);

  const registered = [
    registerWorkspace(root, names.module),
    registerInCatalog(root, names.module),
    registerInCell(root, cell, names.module),
    ...registerInPlatformTests(root, cell, names),
    ...(cell === 'all' ? [registerInCompose(root, names.module)] : []),
  ];
  log(`registered in ${registered.join(', ')}`);

  if (options.install ?? true) {
    run(root, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], log);
  } else {
    linkWorkspace(root, names.module);
    log(`linked node_modules/@cellgraph/${names.module} → subgraphs/${names.module}`);
  }
  // The templates' layout is close to the formatter's; the formatter has the last word, so the module passes `npm run format:check`.
  run(
    root,
    process.execPath,
    [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', '--log-level', 'warn', `subgraphs/${names.module}`, ...registered],
    log,
  );
  if (options.compose ?? true) run(root, 'npm', ['run', 'compose'], log);
  return { names, created, registered };
}

function validate(options: ScaffoldOptions, cell: string): ScaffoldNames {
  const { root, name } = options;
  if (!MODULE_NAME.test(name)) {
    throw new ScaffoldError(
      `Invalid module name ${JSON.stringify(name)}: 2 to 30 lowercase letters and digits, starting with a letter (it names the Postgres schema, roles and package)`,
    );
  }
  if (RESERVED_NAMES.has(name) || name.startsWith('pg')) throw new ScaffoldError(`The module name ${JSON.stringify(name)} is reserved`);
  const catalogSource = readFileSync(join(root, 'scripts/runtime/catalog.ts'), 'utf8');
  const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  if (existsSync(join(root, 'subgraphs', name)) || workspaces.includes(`subgraphs/${name}`) || new RegExp(`^\\s+${name}:`, 'm').test(catalogSource)) {
    throw new ScaffoldError(`A module named ${JSON.stringify(name)} already exists (subgraphs/${name}, the workspaces or the catalog)`);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(cell) || !existsSync(join(root, 'schema/cells', cell, 'cell.json'))) {
    const cells = readdirSync(join(root, 'schema/cells')).join(', ');
    throw new ScaffoldError(`No cell ${JSON.stringify(cell)} (schema/cells/<cell>/cell.json); cells: ${cells}`);
  }
  const aggregate = options.aggregate ?? defaultAggregate(name);
  if (!AGGREGATE_NAME.test(aggregate)) {
    throw new ScaffoldError(
      `Invalid aggregate name ${JSON.stringify(aggregate)}: PascalCase letters and digits (e.g. Item, StockItem)${options.aggregate ? '' : '; pass --aggregate <Name>'}`,
    );
  }
  const names = scaffoldNames(name, aggregate, options.aggregate !== undefined);
  if (names.values.agg === names.values.aggs) throw new ScaffoldError(`The aggregate ${aggregate} has no distinct plural; pass another --aggregate`);
  const taken = takenGraphqlNames(root, names);
  if (taken.length) throw new ScaffoldError(`${taken.join(', ')} already exist(s) in a cell's schema; pass another --aggregate`);
  return names;
}

/** The module's types and root fields that a committed cell's API schema already has. */
function takenGraphqlNames(root: string, names: ScaffoldNames): string[] {
  const cellsDir = join(root, 'schema/cells');
  const taken = new Set<string>();
  for (const cell of readdirSync(cellsDir)) {
    const file = join(cellsDir, cell, 'schema.graphql');
    if (!existsSync(file)) continue;
    const schema: GraphQLSchema = buildSchema(readFileSync(file, 'utf8'));
    for (const type of names.graphqlTypes) if (schema.getType(type)) taken.add(`The type ${type}`);
    for (const [type, fields] of [
      [schema.getQueryType(), names.rootFields.query],
      [schema.getMutationType(), names.rootFields.mutation],
    ] as const) {
      if (!type || !isObjectType(type)) continue;
      for (const field of fields) if (type.getFields()[field]) taken.add(`The field ${type.name}.${field}`);
    }
  }
  return [...taken];
}

function templateFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).filter((file) => file.endsWith('.tmpl')).sort();
}

/** Rewrites `file` with `edit` applied; `edit` throws when its anchor is missing. */
function editFile(root: string, file: string, edit: (text: string) => string): string {
  const path = join(root, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return file;
}

function anchorMissing(file: string, what: string): never {
  throw new ScaffoldError(`Cannot register the module in ${file}: ${what} not found (has the file changed? update scripts/scaffold/generate.ts)`);
}

function registerWorkspace(root: string, name: string): string {
  return editFile(root, 'package.json', (text) => {
    const manifest = JSON.parse(text) as { workspaces?: string[] };
    const workspaces = manifest.workspaces ?? anchorMissing('package.json', 'the "workspaces" list');
    const lastSubgraph = workspaces.findLastIndex((workspace) => workspace.startsWith('subgraphs/'));
    workspaces.splice(lastSubgraph + 1, 0, `subgraphs/${name}`);
    return `${JSON.stringify(manifest, null, 2)}\n`;
  });
}

function registerInCatalog(root: string, name: string): string {
  const file = 'scripts/runtime/catalog.ts';
  return editFile(root, file, (text) => {
    const catalog = /(export const catalog\b[^=]*=\s*\{\n)([\s\S]*?)(\n\};)/.exec(text) ?? anchorMissing(file, 'the `export const catalog = { … };` object');
    const entries = catalog[2]!.replace(/,?\s*$/, ',');
    text = text.replace(catalog[0], `${catalog[1]}${entries}\n  ${name}: ${name}Subgraph,${catalog[3]}`);
    // The import, in the order of the module specifiers.
    const line = `import { ${name}Subgraph } from '@cellgraph/${name}';\n`;
    const imports = [...text.matchAll(/^import .* from '([^']+)';\n/gm)];
    if (!imports.length) anchorMissing(file, 'the import lines');
    const next = imports.find((match) => match[1]! > `@cellgraph/${name}`);
    const at = next ? next.index! : imports.at(-1)!.index! + imports.at(-1)![0].length;
    return `${text.slice(0, at)}${line}${text.slice(at)}`;
  });
}

function registerInCell(root: string, cell: string, name: string): string {
  const file = `schema/cells/${cell}/cell.json`;
  return editFile(root, file, (text) => {
    const list = /("subgraphs"\s*:\s*\[)([^\]]*)(\])/.exec(text) ?? anchorMissing(file, 'the "subgraphs" list');
    const edited = text.replace(list[0], `${list[1]}${list[2]!.trimEnd()}, ${JSON.stringify(name)}${list[3]}`);
    const parsed = JSON.parse(edited) as { subgraphs: string[] };
    if (parsed.subgraphs.at(-1) !== name) anchorMissing(file, 'a well-formed "subgraphs" list');
    return edited;
  });
}

/** docker-compose.yml runs the cell `all`: the module's service, like the last subgraph's, and the gateway's wait for it. */
function registerInCompose(root: string, name: string): string {
  const file = 'docker-compose.yml';
  return editFile(root, file, (text) => {
    const services = [...text.matchAll(/^ {2}([a-z0-9]+):\n {4}<<: \*cellgraph\n {4}command: \[subgraph\]\n(?: {4}.*\n)*/gm)];
    const last = services.at(-1) ?? anchorMissing(file, 'a subgraph service (`<<: *cellgraph` then `command: [subgraph]`)');
    const previous = new RegExp(`\\b${last[1]}\\b`, 'g');
    const at = last.index! + last[0].length;
    text = `${text.slice(0, at)}${last[0].replace(previous, name)}${text.slice(at)}`;
    const waits = [...text.matchAll(new RegExp(`^( {6})${last[1]}: \\{ condition: service_healthy \\}\\n`, 'gm'))];
    const wait = waits.at(-1) ?? anchorMissing(file, `the gateway's \`${last[1]}: { condition: service_healthy }\``);
    const after = wait.index! + wait[0].length;
    return `${text.slice(0, after)}${wait[1]}${name}: { condition: service_healthy }\n${text.slice(after)}`;
  });
}

/**
 * The platform tests that spell out a cell's modules: the cell manifests' order
 * (scripts/test/cells.test.ts, when it names this cell) and, for cell `all`, the keyset pagination
 * test's fixtures: the module's list and one object of its Node type (with comments, links and
 * activity like every other Node) in the world it walks.
 */
function registerInPlatformTests(root: string, cell: string, names: ScaffoldNames): string[] {
  const edited: string[] = [];
  const cellsTest = 'scripts/test/cells.test.ts';
  const cellOrder = new RegExp(`(loadCell\\('${cell}'\\)\\.subgraphs\\.map\\(\\(s\\) => s\\.name\\)\\)\\.toEqual\\(\\[)([^\\]]*)(\\]\\))`);
  if (existsSync(join(root, cellsTest)) && cellOrder.test(readFileSync(join(root, cellsTest), 'utf8'))) {
    edited.push(
      editFile(root, cellsTest, (text) =>
        text.replace(cellOrder, (_all, open: string, list: string, close: string) => `${open}${list.replace(/,?\s*$/, '')}, '${names.module}'${close}`),
      ),
    );
  }
  if (cell !== 'all') return edited;
  const { agg, aggs, Agg } = names.values as Record<string, string>;
  const fixtures = 'scripts/test/pagination-fixtures.ts';
  edited.push(
    editFile(root, fixtures, (text) => {
      const rootPlaces = [...text.matchAll(/^ {2}'Query\.[A-Za-z]+': \(\) => \(\{ place: root \}\),\n/gm)];
      const last = rootPlaces.at(-1) ?? anchorMissing(fixtures, "a `'Query.<field>': () => ({ place: root }),` entry of connectionPlaces");
      const at = last.index! + last[0].length;
      text = `${text.slice(0, at)}  'Query.${aggs}': () => ({ place: root }),\n${text.slice(at)}`;
      const nodes =
        /^ {2}const nodes: Record<string, string> = \{[^;]*\};\n/m.exec(text) ??
        anchorMissing(fixtures, 'the `const nodes: Record<string, string> = { … };` of buildWorld');
      const world =
        `  // ${names.module} (npm run new:subgraph): 7 ${names.values.aggWordsPlural} for Query.${aggs}; the first is the ${Agg} of the Node connections.\n` +
        `  nodes.${Agg} = (await many(asMember, '${agg}Create', range(7).map((index) => ({ name: TITLES[index] })), '${agg} { id }'))[0].${agg}.id as string;\n`;
      const after = nodes.index + nodes[0].length;
      return `${text.slice(0, after)}${world}${text.slice(after)}`;
    }),
  );
  return edited;
}

/** What `npm install` does for a new workspace, without the registry: node_modules/@cellgraph/<name> → the package. */
function linkWorkspace(root: string, name: string): void {
  const link = join(root, 'node_modules/@cellgraph', name);
  mkdirSync(dirname(link), { recursive: true });
  rmSync(link, { force: true, recursive: true });
  symlinkSync(relative(dirname(link), join(root, 'subgraphs', name)), link, 'dir');
}

function run(root: string, command: string, args: string[], log: (line: string) => void): void {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new ScaffoldError(
      `${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}); the module is generated and registered: fix the cause and run it again`,
    );
}
