import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForeignGateway, type ForeignGateway } from './foreign-supergraph.js';

// The Guild's federation audit, "requires-with-argument-conflict": two @requires of one entity ask
// for the same field with different arguments. The planner fetches that field once, with one
// argument set, so asked together both dependent fields would get one value (USD for both here):
// the gateway refuses that operation with a coded error; each field alone gets its own value.
const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])';
const products = [
  { upc: 'p1', name: 'p-name-1', price: 11, weight: 1, category: { averagePrice: 11 } },
  { upc: 'p2', name: 'p-name-2', price: 22, weight: 2, category: { averagePrice: 22 } },
];
const RATE: Record<string, number> = { USD: 1, EUR: 2 };

type Representation = { upc: string; price?: number; weight?: number; category?: { averagePrice: number } };
const shipping = {
  name: 'shipping',
  typeDefs: `${FED}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price(currency: String!): Int @external
      shippingEstimate: Int @requires(fields: "price(currency: \\"USD\\") weight")
      shippingEstimateEUR: Int @requires(fields: "price(currency: \\"EUR\\") weight")
      category: Category @external
      isExpensiveCategory: Boolean @requires(fields: "category { averagePrice(currency: \\"USD\\") }")
    }
    type Category @external { averagePrice(currency: String!): Int }`,
  resolvers: {
    Product: {
      __resolveReference: (ref: Representation) => (products.some((p) => p.upc === ref.upc) ? ref : null),
      // Each estimate is the price it required times weight times 10: the same formula, so a
      // wrong (shared) price shows in the answer.
      shippingEstimate: ({ price, weight }: Representation) => price! * weight! * 10,
      shippingEstimateEUR: ({ price, weight }: Representation) => price! * weight! * 10,
      isExpensiveCategory: ({ category }: Representation) => category!.averagePrice > 11,
    },
  },
};
const catalog = {
  name: 'catalog',
  typeDefs: `${FED}
    type Query { products: [Product] }
    type Product @key(fields: "upc") { upc: String! name: String price(currency: String!): Int weight: Int category: Category }
    type Category { averagePrice(currency: String!): Int }`,
  resolvers: {
    Query: { products: () => products },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc) ?? null,
      price: ({ price }: { price: number }, { currency }: { currency: string }) => {
        if (!(currency in RATE)) throw new Error(`unsupported currency ${currency}`);
        return price * RATE[currency]!;
      },
    },
  },
};

let gateway: ForeignGateway;
beforeAll(async () => {
  gateway = await startForeignGateway([shipping, catalog]);
});
afterAll(async () => {
  await gateway?.stop();
});

const estimates = (field: string, values: [number, number]) => ({
  products: [
    { upc: 'p1', [field]: values[0] },
    { upc: 'p2', [field]: values[1] },
  ],
});

describe('requires-with-argument-conflict', () => {
  it('_0: both argument sets in one operation are refused with a coded error, not answered wrongly', async () => {
    const result = await gateway.query('{ products { upc name shippingEstimate shippingEstimateEUR isExpensiveCategory } }');
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Product.shippingEstimate and Product.shippingEstimateEUR cannot be selected in one operation'),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      }),
    ]);
    expect(gateway.received.get('catalog')).toEqual([]);
    expect(gateway.received.get('shipping')).toEqual([]);
  });

  it('also through fragments and aliases', async () => {
    const result = await gateway.query('{ products { usd: shippingEstimate ...eur } } fragment eur on Product { eur: shippingEstimateEUR }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining('REQUIRES_ARGUMENT_CONFLICT'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('each argument set alone gets its own value (USD, EUR), next to a non-conflicting @requires', async () => {
    const usd = await gateway.query('{ products { upc shippingEstimate } }');
    expect({ data: usd.data, errors: usd.errors }).toEqual({ data: estimates('shippingEstimate', [110, 440]), errors: undefined });
    const eur = await gateway.query('{ products { upc shippingEstimateEUR } }');
    expect({ data: eur.data, errors: eur.errors }).toEqual({ data: estimates('shippingEstimateEUR', [220, 880]), errors: undefined });
    const category = await gateway.query('{ products { upc shippingEstimateEUR isExpensiveCategory } }');
    expect(category.errors).toBeUndefined();
    expect(category.data).toEqual({
      products: [
        { upc: 'p1', shippingEstimateEUR: 220, isExpensiveCategory: false },
        { upc: 'p2', shippingEstimateEUR: 880, isExpensiveCategory: true },
      ],
    });
  });
});
