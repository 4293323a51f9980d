/**
 * The plain supergraph of `npm run bench -- gateways`, after The Guild's federation benchmark:
 * four small @apollo/subgraph services (accounts, products, inventory, reviews) with fixed,
 * deterministic data. No Cellgraph code: every gateway sees the same foreign supergraph.
 */
import { parse, type DocumentNode } from 'graphql';

export const SUBGRAPH_NAMES = ['accounts', 'products', 'inventory', 'reviews'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides", "@shareable"])';

const USERS = Array.from({ length: 3 }, (_, i) => ({ id: `u${i + 1}`, name: `User ${i + 1}`, username: `user${i + 1}`, birthday: 1_000_000 + i }));
const PRODUCTS = Array.from({ length: 4 }, (_, i) => ({ upc: `p${i + 1}`, name: `Product ${i + 1}`, price: 100 * (i + 1) + 99, weight: 10 + 5 * i }));
// Each user writes two reviews; every product is reviewed at least once: 6 reviews. With these
// sizes the fan-out query answers 116 objects (checked by gateways.test.ts).
const REVIEWS = Array.from({ length: 6 }, (_, i) => ({
  id: `r${i + 1}`,
  body: `Review ${i + 1}`,
  authorId: USERS[i % USERS.length]!.id,
  upc: PRODUCTS[(i * 3) % PRODUCTS.length]!.upc,
}));

const typeDefs: Record<SubgraphName, string> = {
  accounts: `${FED}
    type Query { me: User users: [User!]! user(id: ID!): User }
    type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }`,
  products: `${FED}
    type Query { topProducts(first: Int = 5): [Product!]! }
    type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
  inventory: `${FED}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }`,
  reviews: `${FED}
    type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
    type User @key(fields: "id") { id: ID! username: String @external reviews: [Review!]! }
    type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }`,
};

type Ref = Record<string, unknown>;
const userOf = (id: unknown) => USERS.find((user) => user.id === id) ?? null;
const productOf = (upc: unknown) => PRODUCTS.find((product) => product.upc === upc) ?? null;

type Resolvers = Record<string, Record<string, unknown>>;

const resolvers: Record<SubgraphName, Resolvers> = {
  accounts: {
    Query: { me: () => USERS[0], users: () => USERS, user: (_: unknown, { id }: { id: string }) => userOf(id) },
    User: { __resolveReference: (ref: Ref) => userOf(ref.id) },
  },
  products: {
    Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
    Product: { __resolveReference: (ref: Ref) => productOf(ref.upc) },
  },
  inventory: {
    Product: {
      __resolveReference: (ref: Ref) => ({ ...ref, inStock: Number(String(ref.upc).slice(1)) % 2 === 1 }),
      // Free above 1000, else half the weight (needs price and weight from products).
      shippingEstimate: (ref: Ref) => (Number(ref.price) > 1000 ? 0 : Math.round(Number(ref.weight) * 0.5)),
    },
  },
  reviews: {
    Review: {
      __resolveReference: (ref: Ref) => REVIEWS.find((review) => review.id === ref.id) ?? null,
      author: (review: (typeof REVIEWS)[number]) => ({ __typename: 'User', id: review.authorId, username: userOf(review.authorId)?.username }),
      product: (review: (typeof REVIEWS)[number]) => ({ __typename: 'Product', upc: review.upc }),
    },
    User: {
      __resolveReference: (ref: Ref) => ref,
      reviews: (user: Ref) => REVIEWS.filter((review) => review.authorId === user.id),
    },
    Product: {
      __resolveReference: (ref: Ref) => ref,
      reviews: (product: Ref) => REVIEWS.filter((review) => review.upc === product.upc),
    },
  },
};

export function subgraphDefinition(name: SubgraphName): { typeDefs: DocumentNode; resolvers: Resolvers } {
  return { typeDefs: parse(typeDefs[name]), resolvers: resolvers[name] };
}

export function subgraphSdl(name: SubgraphName): string {
  return typeDefs[name];
}

export function isSubgraphName(name: string | undefined): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name ?? '');
}
