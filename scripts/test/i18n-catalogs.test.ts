import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES, definedCatalogs, type Message } from '@cellgraph/kernel/core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The message catalogs of the whole code base (every `messages.ts` of the subgraphs, the gateway
 * and the web app): complete in every language, valid ICU MessageFormat, the same arguments in
 * every language, and each namespace declared by one file only.
 */

const ROOT = join(import.meta.dirname, '..', '..');

function messageFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist') return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return messageFiles(path);
    return entry.name === 'messages.ts' ? [path] : [];
  });
}

const SOURCE_ROOTS = [
  ...readdirSync(join(ROOT, 'subgraphs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, 'subgraphs', entry.name, 'src')),
  join(ROOT, 'gateway', 'src'),
  join(ROOT, 'web', 'src'),
];

const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).id === 'string' && typeof (value as Message).translations === 'object';

/** The namespaces a module exports catalogs of (each export a record of messages). */
function exportedNamespaces(module: Record<string, unknown>): Set<string> {
  const namespaces = new Set<string>();
  for (const value of Object.values(module)) {
    if (typeof value !== 'object' || value === null) continue;
    for (const message of Object.values(value)) if (isMessage(message)) namespaces.add(message.id.slice(0, message.id.lastIndexOf('.')));
  }
  return namespaces;
}

/** Argument names of an ICU message, nested ones (in plural and select branches, tags) included. */
function argumentsOf(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      argumentsOf(element.children, names);
      continue;
    }
    names.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentsOf(option.value, names);
  }
  return names;
}

const files = SOURCE_ROOTS.flatMap((root) => {
  try {
    return messageFiles(root);
  } catch {
    return [];
  }
}).filter((file) => !file.endsWith(join('kernel', 'src', 'i18n', 'messages.ts'))); // the catalog runtime itself
const declaredBy = new Map<string, string[]>();

beforeAll(async () => {
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const namespace of exportedNamespaces(module)) declaredBy.set(namespace, [...(declaredBy.get(namespace) ?? []), relative(ROOT, file)]);
  }
}, 120_000);

describe('message catalogs', () => {
  it('finds the catalogs of the kernel, identity and the gateway', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect([...definedCatalogs().keys()]).toEqual(expect.arrayContaining(['kernel.errors', 'identity.auth', 'gateway.errors']));
  });

  it('declares each namespace in one file only', () => {
    const twice = [...declaredBy].filter(([, where]) => new Set(where).size > 1);
    expect(twice).toEqual([]);
  });

  it('has every message in every language, non-empty, valid ICU, with no argument the English lacks', () => {
    const problems: string[] = [];
    // The catalogs of messages.ts files only: tests define catalogs of their own (broken ones on purpose).
    for (const namespace of declaredBy.keys()) {
      for (const message of Object.values(definedCatalogs().get(namespace) ?? {})) {
        let expected: string[] | null = null;
        for (const language of LANGUAGES) {
          const source = message.translations[language];
          if (typeof source !== 'string' || !source.trim()) {
            problems.push(`${message.id} [${language}]: missing or empty`);
            continue;
          }
          let names: string[];
          try {
            names = [...argumentsOf(parse(source))].sort();
          } catch (error) {
            problems.push(`${message.id} [${language}]: not ICU MessageFormat (${(error as Error).message})`);
            continue;
          }
          // A translation may leave out an argument its grammar does not need (an English article), never use one the English does not: callers pass what the English uses.
          if (!expected) expected = names;
          else if (names.some((name) => !expected!.includes(name)))
            problems.push(`${message.id} [${language}]: arguments ${names.join(', ')} are not among ${LANGUAGES[0]}'s ${expected.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
