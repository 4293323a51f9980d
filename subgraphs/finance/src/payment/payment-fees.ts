import Big from 'big.js';

/** The simulator's card pricing, Stripe's US list price: 2.9% + 0.30 per successful charge. */
export const CARD_FEE_PERCENT = '2.9';
export const CARD_FEE_FIXED = '0.30';

/**
 * The fee of a charge of `amount` (a decimal in the currency's units), exact: amount × 2.9% + 0.30,
 * rounded once, half up, to `exponent` minor digits; never more than the amount itself.
 */
export function cardFee(amount: string, exponent: number): string {
  const fee = new Big(amount).times(CARD_FEE_PERCENT).div(100).plus(CARD_FEE_FIXED).round(exponent, Big.roundHalfUp);
  return (fee.gt(amount) ? new Big(amount) : fee).toFixed(exponent);
}

/** A decimal amount in minor units (exact; the amount has at most `exponent` decimals). */
export const toMinorUnits = (amount: string, exponent: number): number => new Big(amount).times(new Big(10).pow(exponent)).toNumber();

/** Minor units as a decimal with `exponent` digits. */
export const fromMinorUnits = (minor: number, exponent: number): string => new Big(minor).div(new Big(10).pow(exponent)).toFixed(exponent);
