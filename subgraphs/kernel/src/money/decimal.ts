import Big from 'big.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { currencyExponent } from './currency.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Digits a JSON number may carry and still be read exactly (shorter than a double's 15–17). */
const MAX_NUMBER_DIGITS = 15;

const badDecimal = (value: unknown) =>
  new GraphQLError(`Not a decimal number: ${JSON.stringify(value)}. Pass decimals as strings, e.g. "1250.50".`, { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * The canonical text of a decimal input (no exponent, no superfluous zeros). Strings are read
 * exactly; JSON numbers only when short enough to be exact (0.1 is, 0.30000000000000004 is not).
 */
export function parseDecimal(value: unknown): string {
  if (typeof value === 'number') {
    const text = String(value);
    if (!Number.isFinite(value) || text.replace(/^-|\.|e.*$/g, '').replace(/^0+/, '').length > MAX_NUMBER_DIGITS) throw badDecimal(value);
    return new Big(value).toFixed();
  }
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) throw badDecimal(value);
  return new Big(value.trim()).toFixed();
}

export const GraphQLDecimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, serialized as a string ("1250.50"). Inputs: strings, or numbers of at most 15 digits.',
  serialize: (value) => (typeof value === 'string' ? value : new Big(value as number).toFixed()),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    // A literal's source text is exact, even when written as a GraphQL Float.
    if (ast.kind === Kind.STRING || ast.kind === Kind.FLOAT || ast.kind === Kind.INT) return parseDecimal(ast.value);
    throw badDecimal(ast.kind);
  },
});

/** Digits after the decimal point of a canonical decimal. */
export const decimalPlaces = (amount: string) => (amount.includes('.') ? amount.length - amount.indexOf('.') - 1 : 0);

/** True when `amount` has no more fractional digits than `currency` has minor units, and |amount| < 10^`integerDigits`. */
export function fitsCurrency(amount: string, currency: string, integerDigits = 15): boolean {
  return decimalPlaces(amount) <= currencyExponent(currency) && new Big(amount).abs().lt(new Big(10).pow(integerDigits));
}

/** `amount` written with exactly the currency's minor units, rounding half away from zero. */
export function formatAmount(amount: string | Big, currency: string): string {
  return new Big(amount).toFixed(currencyExponent(currency), Big.roundHalfUp);
}
