import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForeignGateway, type ForeignGateway } from './foreign-supergraph.js';

// The Guild's federation audit, "requires-with-argument": @requires selections that pass arguments
// (`comments(limit: 3) { authorId }`) next to a client selecting the same field with other arguments.
const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])';
const posts = ['p1', 'p2'];
const comments = [
  { id: 'c1', postId: 'p1', authorId: 'a2', body: 'c1-body' },
  { id: 'c2', postId: 'p1', authorId: 'a2', body: 'c2-body' },
  { id: 'c3', postId: 'p1', authorId: 'a2', body: 'c3-body' },
  { id: 'c4', postId: 'p2', authorId: 'a1', body: 'c4-body' },
  { id: 'c5', postId: 'p2', authorId: 'a1', body: 'c5-body' },
  { id: 'c6', postId: 'p2', authorId: 'a1', body: 'c6-body' },
  { id: 'c7', postId: 'p2', authorId: 'a1', body: 'c3-body' },
];
const commentsOf = (postId: string, limit: number) => comments.filter((c) => c.postId === postId).slice(0, limit);

const feed = {
  name: 'feed',
  typeDefs: `${FED}
    type Query { feed: [Post] }
    type Post @key(fields: "id") { id: ID! comments(limit: Int!): [Comment] @external }
    type Comment @key(fields: "id") {
      id: ID!
      authorId: ID
      body: String!
      sameCommentOnOtherPosts: [Post] @external
      isCommentSpam: Boolean @requires(fields: "sameCommentOnOtherPosts { comments(limit: 50) { id } }")
    }`,
  resolvers: {
    Query: { feed: () => posts.map((id) => ({ id })) },
    // As in the audit, this subgraph answers its @external Post.comments too.
    Post: {
      __resolveReference: ({ id }: { id: string }) => (posts.includes(id) ? { id } : null),
      comments: (post: { id: string }, { limit }: { limit: number }) => commentsOf(post.id, limit),
    },
    Comment: {
      __resolveReference: (ref: { id: string; sameCommentOnOtherPosts?: { comments: { id: string }[] }[] }) => {
        const comment = comments.find((c) => c.id === ref.id);
        if (!comment) return null;
        const others = ref.sameCommentOnOtherPosts ?? [];
        return { ...comment, isCommentSpam: others.length > 0 && others.every((post) => post.comments.every((c) => Boolean(c.id))) };
      },
    },
  },
};

const threads = {
  name: 'threads',
  typeDefs: `${FED}
    type Post @key(fields: "id") {
      id: ID!
      author: Author @requires(fields: "comments(limit: 3) { authorId }")
      comments(limit: Int!): [Comment]
    }
    type Comment @key(fields: "id") { id: ID! date: String authorId: ID @external sameCommentOnOtherPosts: [Post] }
    type Author { id: ID! name: String }`,
  resolvers: {
    Post: {
      __resolveReference: (ref: { id: string; comments?: { authorId: string }[] }) => {
        if (!posts.includes(ref.id)) return null;
        if (ref.comments && ref.comments.length !== 3) throw new Error(`expected the 3 comments @requires asks for, got ${ref.comments.length}`);
        return { id: ref.id, authorId: ref.comments?.[2]?.authorId };
      },
      author: (post: { authorId?: string }) => (post.authorId ? { id: post.authorId, name: `${post.authorId}-name` } : null),
      comments: (post: { id: string }, { limit }: { limit: number }) => commentsOf(post.id, limit).map(({ id }) => ({ id })),
    },
    Comment: {
      __resolveReference: ({ id }: { id: string }) => (comments.some((c) => c.id === id) ? { id } : null),
      sameCommentOnOtherPosts: ({ id }: { id: string }) => {
        const comment = comments.find((c) => c.id === id)!;
        return comments.filter((c) => c.body === comment.body && c.postId !== comment.postId).map((c) => ({ id: c.postId }));
      },
    },
  },
};

const products = [
  { upc: 'p1', name: 'p-name-1', price: 11, weight: 1 },
  { upc: 'p2', name: 'p-name-2', price: 22, weight: 2 },
];
const shipping = {
  name: 'shipping',
  typeDefs: `${FED}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price(currency: String!): Int @external
      shippingEstimate: Int @requires(fields: "price(currency: \\"USD\\") weight")
      category: Category @external
      isExpensiveCategory: Boolean @requires(fields: "category { averagePrice(currency: \\"USD\\") }")
    }
    type Category @external { averagePrice(currency: String!): Int }`,
  resolvers: {
    Product: {
      __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => (products.some((p) => p.upc === ref.upc) ? ref : null),
      shippingEstimate: (product: { price: number; weight: number }) => product.price * product.weight * 10,
      isExpensiveCategory: (product: { category: { averagePrice: number } }) => product.category.averagePrice > 11,
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
    Product: { __resolveReference: ({ upc }: { upc: string }) => products.find((p) => p.upc === upc) ?? null },
  },
};

let gateway: ForeignGateway;
beforeAll(async () => {
  gateway = await startForeignGateway([shipping, catalog, feed, threads]);
});
afterAll(async () => {
  await gateway?.stop();
});

const firstComments = {
  feed: [
    { author: { id: 'a2' }, comments: [{ id: 'c1' }] },
    { author: { id: 'a1' }, comments: [{ id: 'c4' }] },
  ],
};

describe('requires-with-argument', () => {
  it('_0: a @requires of a field with a literal argument', async () => {
    const result = await gateway.query('{ products { upc name shippingEstimate } }');
    expect({ data: result.data, errors: result.errors }).toEqual({
      data: {
        products: [
          { upc: 'p1', name: 'p-name-1', shippingEstimate: 110 },
          { upc: 'p2', name: 'p-name-2', shippingEstimate: 440 },
        ],
      },
      errors: undefined,
    });
  });

  it('_1: a @requires with arguments alone', async () => {
    const result = await gateway.query('{ feed { author { id } } }');
    expect(result).toMatchObject({ data: { feed: [{ author: { id: 'a2' } }, { author: { id: 'a1' } }] } });
    expect(result.errors).toBeUndefined();
  });

  it('_2: the client asks the required field with other arguments', async () => {
    const result = await gateway.query('{ feed { author { id } comments(limit: 1) { id } } }');
    expect({ data: result.data, errors: result.errors }).toEqual({ data: firstComments, errors: undefined });
  });

  it('_3: a @requires through a list of entities with arguments', async () => {
    const result = await gateway.query('{ feed { comments(limit: 3) { isCommentSpam } } }');
    expect({ data: result.data, errors: result.errors }).toEqual({
      data: {
        feed: [
          { comments: [{ isCommentSpam: false }, { isCommentSpam: false }, { isCommentSpam: true }] },
          { comments: [{ isCommentSpam: false }, { isCommentSpam: false }, { isCommentSpam: false }] },
        ],
      },
      errors: undefined,
    });
  });

  it('_4: the other arguments come from a variable', async () => {
    const result = await gateway.query('query($limit: Int = 1) { feed { author { id } comments(limit: $limit) { id } } }');
    expect({ data: result.data, errors: result.errors }).toEqual({ data: firstComments, errors: undefined });
  });
});
