import { z } from 'zod';
import type { Message } from '../i18n/messages.js';
import { LANGUAGES } from '../i18n/locales.js';

/**
 * Importers: the types a module lets users import from a spreadsheet (CSV, XLSX), declared on its
 * SubgraphDefinition (`importers`). The imports module turns each row into the input of the
 * declared create mutation and calls it through the gateway as the importing user, so the module's
 * own rules, permissions, events and idempotency apply to every row. The cell hands every process
 * the declarations of its subgraphs as CELL_IMPORTERS (JSON, labels with all their translations):
 * the imports module never imports another module's code.
 */
export const CELL_IMPORTERS = 'CELL_IMPORTERS';

/**
 * How a cell's text becomes a field's value: `string` (trimmed), `email` (an address), `number`
 * (`integer`: a whole number), `decimal` (a string such as "1234.50"; "1.234,50" too), `date`
 * (`YYYY-MM-DD`; also `DD.MM.YYYY` and spreadsheet dates), `datetime` (ISO 8601), `enum` (one of
 * `values`, the GraphQL enum's names, ignoring case), `boolean` (true/false, yes/no, ja/nein, 1/0),
 * `id` (a global id, as given).
 */
export const IMPORT_FIELD_KINDS = ['string', 'email', 'number', 'integer', 'decimal', 'date', 'datetime', 'enum', 'boolean', 'id'] as const;
export type ImportFieldKind = (typeof IMPORT_FIELD_KINDS)[number];

/** One field of the create mutation's input a column can be mapped to. */
export interface ImporterField {
  /** The input field's name (`email`). */
  readonly name: string;
  /** What users see (a catalog message of the declaring module). */
  readonly label: Message;
  readonly kind: ImportFieldKind;
  /** The allowed values of an `enum` (GraphQL enum names). */
  readonly values?: readonly string[];
  /** A row without a value is refused before the mutation is called. */
  readonly required?: boolean;
  /** Further column headers that suggest this field (`E-mail`, `Mail`); its name and labels always do. */
  readonly aliases?: readonly string[];
}

/** What a module declares (in `defineSubgraph({ importers: [...] })`). */
export interface ImporterDeclaration {
  /** The type imported, unique in the cell (`Contact`). */
  readonly type: string;
  /** The type's name as users see it (plural: "Contacts"). */
  readonly label: Message;
  /** The create mutation (`contactCreate`): `input` of `inputType`, returning `{ <resultField> { id } userErrors { code field message } }`. */
  readonly mutation: string;
  readonly inputType: string;
  readonly resultField: string;
  readonly fields: readonly ImporterField[];
  /** The userError code meaning "this already exists" (contacts: `CONTACT_DUPLICATE_EMAIL`): such rows are reported as skipped. */
  readonly duplicateOf?: string;
}

/** An importer as every process of the cell knows it (JSON). */
export interface CellImporter extends ImporterDeclaration {
  /** The subgraph that declared it. */
  readonly module: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const messageJson = z.object({
  id: z.string().min(1),
  translations: z.object(Object.fromEntries(LANGUAGES.map((language) => [language, z.string()])) as Record<(typeof LANGUAGES)[number], z.ZodString>),
});

const importerJson = z.object({
  module: z.string(),
  type: z.string().regex(IDENTIFIER),
  label: messageJson,
  mutation: z.string().regex(IDENTIFIER),
  inputType: z.string().regex(IDENTIFIER),
  resultField: z.string().regex(IDENTIFIER),
  duplicateOf: z.string().optional(),
  fields: z
    .array(
      z.object({
        name: z.string().regex(IDENTIFIER),
        label: messageJson,
        kind: z.enum(IMPORT_FIELD_KINDS),
        values: z.array(z.string()).optional(),
        required: z.boolean().optional(),
        aliases: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

/** A declaration checked and made JSON: names are GraphQL names, an enum has values, fields are unique. */
export function describeImporter(module: string, declaration: ImporterDeclaration): CellImporter {
  const importer = importerJson.safeParse({ ...declaration, module });
  if (!importer.success)
    throw new Error(
      `${module}: invalid importer ${declaration.type}: ${importer.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
    );
  const names = new Set<string>();
  for (const field of declaration.fields) {
    if (names.has(field.name)) throw new Error(`${module}: importer ${declaration.type} declares the field ${field.name} twice`);
    names.add(field.name);
    if (field.kind === 'enum' && !field.values?.length) throw new Error(`${module}: importer ${declaration.type}: the enum field ${field.name} needs values`);
  }
  return importer.data;
}

/** The importers of a cell's subgraphs; a type declared twice is an error. */
export function cellImporters(subgraphs: readonly { name: string; importers?: readonly ImporterDeclaration[] }[]): CellImporter[] {
  const importers = subgraphs.flatMap((subgraph) => (subgraph.importers ?? []).map((declaration) => describeImporter(subgraph.name, declaration)));
  const seen = new Set<string>();
  for (const { type } of importers) {
    if (seen.has(type)) throw new Error(`The importer of ${type} is declared twice in the cell`);
    seen.add(type);
  }
  return importers.sort((a, b) => a.type.localeCompare(b.type));
}

const importersFromEnv = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(importerJson));

/** The cell's importers from CELL_IMPORTERS, by type (none when it is not set). */
export function importersOf(env: NodeJS.ProcessEnv): Map<string, CellImporter> {
  const text = env[CELL_IMPORTERS];
  const parsed = text ? importersFromEnv.safeParse(text) : null;
  if (parsed && !parsed.success)
    throw new Error(`Invalid ${CELL_IMPORTERS}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return new Map((parsed?.data ?? []).map((importer) => [importer.type, importer]));
}
