/** The two operations of the gateways benchmark. */
export interface BenchQuery {
  name: string;
  query: string;
}

const USER = 'fragment User on User { id username name }';
const REVIEW = 'fragment Review on Review { id body }';
const PRODUCT = 'fragment Product on Product { inStock name price shippingEstimate upc weight }';

/** The Guild's benchmark query: every subgraph, entities across all four, nested twice. */
export const FAN_OUT: BenchQuery = {
  name: 'fan-out',
  query: `${USER} ${REVIEW} ${PRODUCT}
query FanOut {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`,
};

/** One subgraph, one fetch: what a gateway costs on its own. */
export const SINGLE_SUBGRAPH: BenchQuery = {
  name: 'single-subgraph',
  query: 'query SingleSubgraph { topProducts { upc name price weight } }',
};

export const BENCH_QUERIES = [FAN_OUT, SINGLE_SUBGRAPH];

/** How many objects a response's `data` holds (every JSON object in it, itself included). */
export function objectCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + objectCount(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, item) => sum + objectCount(item), 1);
}
