import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDITED_EVENTS, matchesEventPattern, searchDocumentEvents, type AnySubgraphDefinition, type EventContracts } from '@cellgraph/kernel';
import { describe, expect, it } from 'vitest';
import { catalog } from '../runtime/catalog.js';

/*
 * The modules' event contracts against their code. Emitting checks each event against the
 * producer's contracts (outside production, so in every test); this checks the other direction: a
 * contract with no producer, a module without contracts, a consumed event nobody declares.
 */

const camel = (name: string) => name.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** Every module of the catalog with its contracts: `<name>Events` of `@cellgraph/<name>/contracts`. */
const modules: [AnySubgraphDefinition, EventContracts][] = await Promise.all(
  Object.values(catalog).map(async (definition): Promise<[AnySubgraphDefinition, EventContracts]> => {
    const contracts = (await import(`@cellgraph/${definition.name}/contracts`)) as Record<string, EventContracts | undefined>;
    return [definition, contracts[`${camel(definition.name)}Events`] ?? {}];
  }),
);

/** The module's sources but its contracts, as one text. */
function sourcesOf(module: string): string {
  const root = join(import.meta.dirname, '../../subgraphs', module, 'src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'contracts.ts',
  );
  return files.map((file) => readFileSync(join(root, file), 'utf8')).join('\n');
}

describe('event contracts', () => {
  it.each(modules.map(([definition, contracts]) => [definition.name, definition, contracts] as const))(
    '%s declares its contracts as the events it emits',
    (_name, definition, contracts) => {
      expect(definition.emits).toBe(contracts);
    },
  );

  it.each(modules.map(([definition, contracts]) => [definition.name, definition, contracts] as const))(
    'every event in the contracts of %s has a producer',
    (_name, definition, contracts) => {
      const sources = sourcesOf(definition.name);
      // The kernel announces each purge of a trash type as `<event>.purged`.
      const purged = new Set((definition.trash ?? []).map((spec) => `${spec.event}.purged`));
      const unproduced = Object.keys(contracts).filter((type) => !purged.has(type) && !sources.includes(`'${type}'`));
      expect(unproduced).toEqual([]);
    },
  );

  it('every event a module consumes by name is declared by the contracts of a module', () => {
    // The search documents are the kernel's contract (written for every module with searchable types).
    const declared = new Set([...modules.flatMap(([, contracts]) => Object.keys(contracts)), ...Object.keys(searchDocumentEvents)]);
    const undeclared = modules.flatMap(([definition]) =>
      (definition.consumes ?? [])
        .filter((pattern) => pattern !== AUDITED_EVENTS && !pattern.includes('*') && !declared.has(pattern))
        .map((type) => `${definition.name}: ${type}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('every pattern a module declares audited names events of its own contracts', () => {
    const unmatched = modules.flatMap(([definition, contracts]) =>
      (definition.audited ?? [])
        .filter((pattern) => !Object.keys(contracts).some((type) => matchesEventPattern(pattern, type)))
        .map((pattern) => `${definition.name}: ${pattern}`),
    );
    expect(unmatched).toEqual([]);
    expect(modules.filter(([definition]) => definition.audited?.length).map(([definition]) => definition.name)).toEqual(
      expect.arrayContaining(['identity', 'tasks', 'crm', 'files', 'finance', 'documents', 'notes', 'collaboration', 'audit']),
    );
  });
});
