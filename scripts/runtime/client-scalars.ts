import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLScalarType, specifiedScalarTypes } from 'graphql';

/**
 * The TypeScript type a client receives (and sends) for each custom scalar of the API: what the
 * value is on the wire, JSON-decoded. Adding a scalar to a subgraph means adding it here;
 * `clientScalars` refuses a schema with a scalar this map does not know.
 */
export const CLIENT_SCALARS: Readonly<Record<string, string>> = {
  /** ISO 8601 instant, e.g. "2026-01-31T12:00:00.000Z". */
  DateTimeISO: 'string',
  /** Calendar date, "2026-01-31". */
  LocalDate: 'string',
  /** Exact decimal as a string, e.g. "12.50" (never a float). */
  Decimal: 'string',
  /** ISO 4217 code, e.g. "EUR". */
  CurrencyCode: 'string',
  JSON: 'unknown',
  JSONObject: 'Record<string, unknown>',
};

export class UnmappedScalarError extends Error {
  override name = 'UnmappedScalarError';
}

/** The custom scalars of an SDL (built-in ones excluded). */
export function customScalars(sdl: string): string[] {
  const builtIn = new Set(specifiedScalarTypes.map((type) => type.name));
  return Object.values(buildSchema(sdl, { assumeValidSDL: true }).getTypeMap())
    .filter((type) => type instanceof GraphQLScalarType && !builtIn.has(type.name))
    .map((type) => type.name)
    .sort();
}

/** Codegen's `scalars` for the schema in `schemaPath`: every custom scalar mapped, or an error naming the unmapped ones. */
export function clientScalars(schemaPath: string): Record<string, string> {
  const scalars = customScalars(readFileSync(schemaPath, 'utf8'));
  const unmapped = scalars.filter((name) => !(name in CLIENT_SCALARS));
  if (unmapped.length) {
    throw new UnmappedScalarError(
      `${schemaPath} has scalars without a client type: ${unmapped.join(', ')}. Add them to CLIENT_SCALARS in scripts/runtime/client-scalars.ts.`,
    );
  }
  return Object.fromEntries(scalars.map((name) => [name, CLIENT_SCALARS[name]!]));
}
