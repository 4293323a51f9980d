/*
 * The names a generated module and its aggregate go by, derived from the module's name and the
 * aggregate's PascalCase name (`inventory`, `StockItem` → `stockItem`, `stockItems`, `stock-item`,
 * `stock_item`, `STOCK_ITEM`…). Plurals and singulars follow the plain English rules only; pass
 * `--aggregate` when they do not fit.
 */

import { SUBGRAPH_NAME } from '@cellgraph/kernel/core';

/** A module name is its Postgres schema, role and path segment: lowercase letters and digits (the kernel's rule). */
export const MODULE_NAME = SUBGRAPH_NAME;
export const AGGREGATE_NAME = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/;

/** Names a module may not take: other packages, Postgres's own schemas, words the platform uses. */
export const RESERVED_NAMES = new Set([
  'kernel',
  'gateway',
  'web',
  'scripts',
  'schema',
  'schemas',
  'cell',
  'cells',
  'subgraph',
  'subgraphs',
  'authz',
  'public',
  'information',
  'node',
  'nodes',
  'graphql',
  'health',
  'internal',
  'test',
  'testing',
  'cellgraph',
  'api',
  'src',
  'dist',
  'all',
  'core',
  'system',
  'admin',
  'postgres',
  'redis',
  'trash',
  'outbox',
  'query',
  'mutation',
  'subscription',
]);

const lowerFirst = (text: string) => `${text[0]!.toLowerCase()}${text.slice(1)}`;
const upperFirst = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

export function singular(word: string): string {
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(x|z|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
  if (/(us|ss|is)$/.test(word)) return word;
  if (/s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The default aggregate of a module: its name, singular, in PascalCase (`invoices` → `Invoice`). */
export const defaultAggregate = (module: string) => upperFirst(singular(module));

export interface ScaffoldNames {
  /** Every placeholder of the templates (`{{name}}` …) and its value. */
  readonly values: Record<string, string>;
  readonly module: string;
  readonly aggregate: string;
  /** The aggregate's folder and file prefix (`stock-item`). */
  readonly aggFile: string;
  /** GraphQL names the module adds: types and root fields (checked against the composed schemas). */
  readonly graphqlTypes: string[];
  readonly rootFields: { query: string[]; mutation: string[] };
}

export function scaffoldNames(module: string, aggregate: string, explicitAggregate: boolean): ScaffoldNames {
  const words = aggregate.split(/(?=[A-Z])/).map((word) => word.toLowerCase());
  const pluralWords = [...words.slice(0, -1), plural(words.at(-1)!)];
  const camel = (list: string[]) => lowerFirst(list.map(upperFirst).join(''));
  const agg = camel(words);
  const aggs = camel(pluralWords);
  const Agg = aggregate;
  const article = /^[aeiou]/.test(words[0]!) ? 'an' : 'a';
  const values: Record<string, string> = {
    name: module,
    Name: upperFirst(module),
    Agg,
    Aggs: upperFirst(aggs),
    agg,
    aggs,
    AGG: words.join('_').toUpperCase(),
    aggFile: words.join('-'),
    aggEvent: words.join('_'),
    aggSnake: words.join('_'),
    table: pluralWords.join('_'),
    schemaTable: `${module}.${pluralWords.join('_')}`,
    aggWords: words.join(' '),
    aAggWords: `${article} ${words.join(' ')}`,
    AAggWords: `${upperFirst(article)} ${words.join(' ')}`,
    aggWordsPlural: pluralWords.join(' '),
    AggWordsPlural: upperFirst(pluralWords.join(' ')),
    aggregateFlag: explicitAggregate ? ` --aggregate ${aggregate}` : '',
  };
  return {
    values,
    module,
    aggregate,
    aggFile: values.aggFile!,
    graphqlTypes: [
      Agg,
      `${Agg}Connection`,
      `${Agg}Edge`,
      `${Agg}Payload`,
      `${Agg}DeletePayload`,
      `${Agg}PurgePayload`,
      `${Agg}Filter`,
      `${Agg}Order`,
      `${Agg}OrderField`,
      `${Agg}CreateInput`,
      `${Agg}UpdateInput`,
      `${Agg}DeleteInput`,
      `${Agg}RestoreInput`,
      `${Agg}PurgeInput`,
    ],
    rootFields: { query: [agg, aggs], mutation: [`${agg}Create`, `${agg}Update`, `${agg}Delete`, `${agg}Restore`, `${agg}Purge`] },
  };
}

/** `{{key}}` → its value; an unknown placeholder is an error (a template and this file disagree). */
export function render(template: string, values: Record<string, string>, file: string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${file}: unknown placeholder {{${key}}}`);
    return value;
  });
}
