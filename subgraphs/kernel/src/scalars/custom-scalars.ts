import { GraphQLError, GraphQLScalarType } from 'graphql';
import * as scalars from 'graphql-scalars';
import { ErrorCode } from '../errors/coded-error.js';
import { GraphQLCurrencyCode } from '../money/currency.js';
import { GraphQLDecimal } from '../money/decimal.js';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });

/** Years Postgres stores as dates and ISO 8601 writes with four digits. */
const inYearRange = (year: number) => year >= 1 && year <= 9999;

/**
 * `base` whose malformed inputs (literal or variable) are BAD_USER_INPUT — what the caller sent is
 * wrong — instead of an uncoded error the server would mask and log as its own fault; `check`
 * refuses values the base accepts but the database cannot store.
 */
function strictInput<T, S>(base: GraphQLScalarType<T, S>, check: (parsed: T) => string | null = () => null): GraphQLScalarType<T, S> {
  const guard = (parse: () => T): T => {
    let parsed: T;
    try {
      parsed = parse();
    } catch (error) {
      throw badInput((error as Error).message);
    }
    const problem = check(parsed);
    if (problem) throw badInput(problem);
    return parsed;
  };
  return new GraphQLScalarType<T, S>({
    ...base.toConfig(),
    parseValue: (value) => guard(() => base.parseValue(value)),
    parseLiteral: (ast, variables) => guard(() => base.parseLiteral(ast, variables)),
  });
}

export const GraphQLDateTimeISO = strictInput(scalars.GraphQLDateTimeISO, (date) =>
  inYearRange(date.getUTCFullYear()) ? null : `DateTime out of range: ${date.toISOString()} (years 0001 to 9999)`,
);
export const GraphQLLocalDate = strictInput(scalars.GraphQLLocalDate, (date) =>
  inYearRange(Number(date.slice(0, 4))) ? null : `LocalDate out of range: ${date} (years 0001 to 9999)`,
);
export const GraphQLJSON = strictInput(scalars.GraphQLJSON);
export const GraphQLJSONObject = strictInput(scalars.GraphQLJSONObject);

/**
 * Every custom scalar of the platform, by name. Subgraphs use only these (buildFederatedSchema
 * refuses others), and the gateway parses client input with them before planning, so a malformed
 * value is BAD_USER_INPUT naming its argument (see scalar-inputs.ts).
 */
export const CUSTOM_SCALARS: ReadonlyMap<string, GraphQLScalarType> = new Map(
  [GraphQLDateTimeISO, GraphQLLocalDate, GraphQLJSON, GraphQLJSONObject, GraphQLDecimal, GraphQLCurrencyCode].map((scalar) => [
    scalar.name,
    scalar as GraphQLScalarType,
  ]),
);
