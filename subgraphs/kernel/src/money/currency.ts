import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO 4217 codes and their minor units as this runtime's ICU knows them (JPY 0, USD 2, BHD 3).
const CODES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(code: string): boolean {
  return CODES.has(code);
}

const exponents = new Map<string, number>();

/** Digits after the decimal point an amount in `currency` may have (cached: Intl formatters are costly). */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

function parseCurrencyCode(value: unknown): string {
  if (typeof value !== 'string' || !isCurrencyCode(value))
    throw new GraphQLError(`Not an ISO 4217 currency code: ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value;
}

export const GraphQLCurrencyCode = new GraphQLScalarType<string, string>({
  name: 'CurrencyCode',
  description: 'An ISO 4217 currency code in capitals, e.g. "EUR".',
  serialize: (value) => String(value),
  parseValue: parseCurrencyCode,
  parseLiteral: (ast) => parseCurrencyCode(ast.kind === Kind.STRING ? ast.value : undefined),
});
