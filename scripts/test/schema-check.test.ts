import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellNames } from '../runtime/cells.js';
import { apiSchemaAt, describeChange, diffApiSchemas, GitRefError, REPO_ROOT } from '../runtime/schema-check.js';

const BASE = /* GraphQL */ `
  type Query {
    task(id: ID!): Task
    tasks(first: Int, status: Status): [Task!]!
    legacyTasks: [LegacyTask!]! @deprecated(reason: "Use tasks")
    report: Report
  }
  type Report {
    id: ID!
  }
  type Task {
    id: ID!
    title: String!
    name: String! @deprecated(reason: "Use title")
    status: Status!
  }
  type LegacyTask {
    id: ID!
  }
  enum Status {
    OPEN
    DONE
    ARCHIVED @deprecated(reason: "Use DONE")
  }
  type Mutation {
    taskCreate(title: String!, note: String @deprecated(reason: "Unused")): Task
  }
`;

/** BASE with each [search, replacement] applied; fails loudly when a search is absent so edits cannot silently do nothing. */
function edit(...replacements: [string | RegExp, string][]): string {
  return replacements.reduce((sdl, [search, replacement]) => {
    const next = sdl.replace(search, replacement);
    if (next === sdl) throw new Error(`edit did not apply: ${search}`);
    return next;
  }, BASE);
}

const paths = (changes: { path?: string }[]) => changes.map((change) => change.path);

describe('diffApiSchemas', () => {
  it('passes additions', async () => {
    const changes = await diffApiSchemas(BASE, edit(['title: String!', 'title: String!\n    dueOn: String'], ['DONE', 'DONE\n    BLOCKED']));
    expect(changes.breaking).toEqual([]);
    expect(paths(changes.safe)).toContain('Task.dueOn');
  });

  it('fails on removing a field that was not deprecated', async () => {
    const changes = await diffApiSchemas(BASE, edit(['    status: Status!\n  }', '  }']));
    expect(paths(changes.breaking)).toEqual(['Task.status']);
    expect(describeChange(changes.breaking[0]!)).toBe("Task.status: Field 'status' was removed from object type 'Task'");
  });

  it('allows removing a field, enum value or argument that the base had deprecated', async () => {
    const changes = await diffApiSchemas(
      BASE,
      edit([/ {4}name: String! @deprecated.*\n/, ''], [/ {4}ARCHIVED @deprecated.*\n/, ''], [', note: String @deprecated(reason: "Unused")', '']),
    );
    expect(changes.breaking).toEqual([]);
    expect(paths(changes.removedAfterDeprecation).sort()).toEqual(['Mutation.taskCreate.note', 'Status.ARCHIVED', 'Task.name']);
  });

  it('allows removing a deprecated field together with the type only it led to', async () => {
    const changes = await diffApiSchemas(BASE, edit([/ {4}legacyTasks.*\n/, ''], [/ {2}type LegacyTask \{\n.*\n {2}\}\n/, '']));
    expect(changes.breaking).toEqual([]);
    expect(paths(changes.removedAfterDeprecation).sort()).toEqual(['LegacyTask', 'Query.legacyTasks']);
  });

  it('fails on removing a type that a field still led to', async () => {
    const changes = await diffApiSchemas(BASE, edit([/ {4}report: Report\n/, ''], [/ {2}type Report \{\n.*\n {2}\}\n/, '']));
    expect(paths(changes.breaking).sort()).toEqual(['Query.report', 'Report']);
  });

  it('fails on deprecating and removing in the same change: deprecation comes first', async () => {
    const changes = await diffApiSchemas(BASE, edit(['    id: ID!\n    title', '    title']));
    expect(paths(changes.breaking)).toEqual(['Task.id']);
  });

  it('fails on changing a field type and on making an argument required', async () => {
    const changes = await diffApiSchemas(BASE, edit(['title: String!', 'title: Int!'], ['tasks(first: Int,', 'tasks(first: Int!,']));
    expect(paths(changes.breaking).sort()).toEqual(['Query.tasks.first', 'Task.title']);
  });

  it('fails on adding a required argument', async () => {
    const changes = await diffApiSchemas(BASE, edit(['task(id: ID!)', 'task(id: ID!, org: ID!)']));
    expect(paths(changes.breaking)).toEqual(['Query.task.org']);
  });

  it('reports dangerous changes as warnings, not failures', async () => {
    const changes = await diffApiSchemas(BASE, edit(['DONE', 'DONE\n    BLOCKED']));
    expect(changes.breaking).toEqual([]);
    expect(paths(changes.dangerous)).toEqual(['Status.BLOCKED']);
  });
});

describe('apiSchemaAt', () => {
  const repo = mkdtempSync(join(tmpdir(), 'schema-check-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' });

  it('reads the schema committed at a ref, null for a cell new since then, and refuses unknown refs', () => {
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'schema/cells/core'), { recursive: true });
    writeFileSync(join(repo, 'schema/cells/core/schema.graphql'), BASE);
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(repo, 'schema/cells/core/schema.graphql'), 'type Query { changed: Int }\n');
    git('commit', '-qam', 'head');

    expect(apiSchemaAt('HEAD~1', 'core', repo)).toBe(BASE);
    expect(apiSchemaAt('main', 'core', repo)).toBe('type Query { changed: Int }\n');
    expect(apiSchemaAt('HEAD', 'sales', repo)).toBeNull();
    expect(() => apiSchemaAt('no-such-branch', 'core', repo)).toThrow(GitRefError);
  });

  it('reads this repository’s committed schema by default', () => {
    expect(apiSchemaAt('HEAD', 'core')).toBe(execFileSync('git', ['-C', REPO_ROOT, 'show', 'HEAD:schema/cells/core/schema.graphql'], { encoding: 'utf8' }));
  });
});

describe('npm run schema:check', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', 'scripts/schema-check.ts', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });

  it('checks every cell against HEAD by default', () => {
    const result = run();
    expect(result.status, result.stderr).toBe(0);
    for (const cell of cellNames()) expect(result.stdout).toMatch(new RegExp(`^cell ${cell}: (unchanged|changed) since HEAD`, 'm'));
    expect(result.stdout).toContain('schema check passed against HEAD');
  }, 120_000);

  it('fails with a clear message when the base ref is unknown', () => {
    const result = run('--base', 'origin/no-such-branch');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Unknown git ref "origin\/no-such-branch" in .* \(in CI, fetch the base branch first\)$/);
  }, 120_000);
});
