import {
  decodeCursor,
  encodeCursor,
  graphRequestFailure,
  invalidInput,
  PageInfo,
  requireOrgId,
  serviceUnavailable,
  validateInput,
  type Database,
  type GraphClient,
  type RequestContext,
  zodMessage,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { RecentSearchService } from '../recent-search/recent-search.service.js';
import { NodeRef } from '../node/node.ref.js';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, parseHighlights } from './highlight.js';
import { SEARCH_DEFAULT_PAGE_SIZE, SEARCH_MAX_PAGE_SIZE, SearchResult, SearchResults, SearchResultEdge, type SearchArgs } from './search.inputs.js';
import { searchErrorTexts } from '../messages.js';

/** A title matches a typo when the query's trigrams are this similar to one of its words (pg_trgm's word_similarity). */
export const TITLE_SIMILARITY_THRESHOLD = 0.45;
/** Rounds of candidates a page may take when the caller may not read many of them (then the page ends early, with a cursor). */
const MAX_ROUNDS = 5;
/**
 * Words first: the trigram scan of titles costs far more than the words' index, so it runs only
 * when the words match nothing (a typo); the mode travels in the cursor.
 */
type Mode = 'words' | 'typos';
const ordering = (mode: Mode) => `search:${mode}`;
const RETRY_AFTER_SECONDS = 5;

export const searchQuery = z.string().trim().min(1, zodMessage(searchErrorTexts.queryEmpty)).max(200, zodMessage(searchErrorTexts.queryMax));
export const searchTypes = z
  .array(z.string().regex(/^[A-Z][A-Za-z0-9]{0,63}$/, zodMessage(searchErrorTexts.typesFormat)))
  .max(50)
  .nullish()
  .transform((value) => [...new Set(value ?? [])].sort());
const searchInput = z.object({ query: searchQuery, types: searchTypes, first: z.number().int().min(0).max(SEARCH_MAX_PAGE_SIZE).nullish() });

interface Candidate {
  id: string;
  type: string;
  score: string;
}
interface Position {
  mode: Mode;
  score: string;
  id: string;
}

/**
 * The SQL of one ranked batch: words (title weighted A, body B; ts_rank_cd normalized to [0, 1))
 * plus the title's trigram word similarity. In `typos` mode ($6) a title similar enough to the
 * query matches too, so a query with a typo still finds its title. Each condition is served by its
 * GIN index (a BitmapOr in typos mode); the keyset is (score, id) descending.
 */
export const CANDIDATES_SQL = `
SELECT id, type, score::text AS score FROM (
  SELECT d.id, d.type,
         ts_rank_cd(d.terms, websearch_to_tsquery('english', search.normalize($1)), 32)
           + search.word_similarity(search.normalize($1), d.title_key) AS score
  FROM search.documents d
  WHERE NOT d.deleted AND NOT d.removed
    AND (d.terms @@ websearch_to_tsquery('english', search.normalize($1)) OR ($6 AND d.title_key OPERATOR(search.%>) search.normalize($1)))
    AND (cardinality($2::text[]) = 0 OR d.type = ANY ($2::text[]))
) ranked
WHERE $3::float8 IS NULL OR (score, id) < ($3::float8, $4::text)
ORDER BY score DESC, id DESC
LIMIT $5`;

/** Sets the typo threshold for the transaction (a setting of pg_trgm, local to it). */
export const SIMILARITY_SQL = `SELECT set_config('pg_trgm.word_similarity_threshold', '${TITLE_SIMILARITY_THRESHOLD}', true)`;

const HEADLINE_SQL = `
SELECT d.id,
       ts_headline('english', d.title, q.terms, $3 || ', HighlightAll=true') AS title,
       CASE WHEN d.body = '' THEN NULL ELSE ts_headline('english', d.body, q.terms, $3 || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') END AS snippet
FROM search.documents d, (SELECT websearch_to_tsquery('english', search.normalize($1)) AS terms) q
WHERE d.id = ANY ($2::text[])`;
const HEADLINE_MARKS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;

/**
 * One search across the cell's modules. Candidates come from the index, ranked; the caller's
 * permission is the owning modules' own: the ids are asked of the graph as the caller
 * (`nodes(ids:)`), and what comes back null — hidden, gone, or its module not answering — is left
 * out before the page is built. Candidates are fetched until the page is full (at most MAX_ROUNDS
 * batches); no count of matches is given.
 */
export class SearchService {
  constructor(
    private readonly db: Database,
    private readonly graph: GraphClient,
    private readonly recent: RecentSearchService,
  ) {}

  async search(request: RequestContext, args: SearchArgs): Promise<SearchResults> {
    requireOrgId(request);
    const valid = validateInput(searchInput, args, 'SEARCH_INVALID_INPUT');
    const first = valid.first ?? SEARCH_DEFAULT_PAGE_SIZE;
    const start = args.after ? this.position(args.after) : null;
    let mode: Mode = start?.mode ?? 'words';
    let position = start;
    const found: Candidate[] = [];
    let exhausted = false;
    const batchSize = Math.max(2 * first + 1, 20);
    for (let round = 0; round < MAX_ROUNDS && found.length <= first && !exhausted; round++) {
      let batch = await this.candidates(request, valid.query, valid.types, position, batchSize, mode);
      if (!batch.length && !start && round === 0) {
        mode = 'typos';
        batch = await this.candidates(request, valid.query, valid.types, position, batchSize, mode);
      }
      exhausted = batch.length < batchSize;
      const visible = await this.visible(
        request,
        batch.map((candidate) => candidate.id),
      );
      for (const candidate of batch) {
        if (found.length > first) break;
        position = { mode, score: candidate.score, id: candidate.id };
        if (visible.has(candidate.id)) found.push(candidate);
      }
    }
    const page = found.slice(0, first);
    const hasNextPage = found.length > first || !exhausted;
    // The page may end early (many hidden candidates): the next one starts after the last examined.
    const endPosition = found.length > first ? page[page.length - 1] : position;
    const headlines = await this.headlines(
      request,
      valid.query,
      page.map((candidate) => candidate.id),
    );
    const edges = page.map((candidate) => {
      const headline = headlines.get(candidate.id);
      const node = Object.assign(new SearchResult(), {
        node: NodeRef.of(candidate.id),
        type: candidate.type,
        score: Number(candidate.score),
        title: parseHighlights(headline?.title ?? ''),
        snippet: headline?.snippet ? parseHighlights(headline.snippet) : null,
      });
      return Object.assign(new SearchResultEdge(), { cursor: this.cursor({ mode, ...candidate }), node });
    });
    if (!args.after) await this.recent.record(request, valid.query, valid.types);
    return Object.assign(new SearchResults(), {
      edges,
      nodes: edges.map((edge) => edge.node),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: hasNextPage && endPosition !== null,
        hasPreviousPage: !!args.after,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: endPosition ? this.cursor({ mode, ...endPosition }) : null,
      }),
    });
  }

  private candidates(request: RequestContext, query: string, types: string[], after: Position | null, limit: number, mode: Mode): Promise<Candidate[]> {
    return this.db.transaction(request, async (em: EntityManager) => {
      if (mode === 'typos') await em.query(SIMILARITY_SQL);
      return (await em.query(CANDIDATES_SQL, [query, types, after?.score ?? null, after?.id ?? null, limit, mode === 'typos'])) as Candidate[];
    });
  }

  /** The ids the caller may read, as the graph answers for the owning modules. */
  private async visible(request: RequestContext, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    try {
      const answer = await this.graph.request<{ nodes: ({ id: string } | null)[] }>(request, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
      return new Set((answer.data?.nodes ?? []).flatMap((node) => (node ? [node.id] : [])));
    } catch (error) {
      throw graphRequestFailure(error, () => serviceUnavailable(searchErrorTexts.readCheckUnavailable, RETRY_AFTER_SECONDS));
    }
  }

  private async headlines(request: RequestContext, query: string, ids: string[]): Promise<Map<string, { title: string; snippet: string | null }>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.transaction(request, (em) => em.query(HEADLINE_SQL, [query, ids, HEADLINE_MARKS]))) as {
      id: string;
      title: string;
      snippet: string | null;
    }[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  private cursor(position: Position): string {
    return encodeCursor(ordering(position.mode), [position.score, position.id]);
  }

  private position(after: string): Position {
    const mode: Mode = Buffer.from(after, 'base64url')
      .toString('utf8')
      .includes(`"${ordering('typos')}"`)
      ? 'typos'
      : 'words';
    const [score, id] = decodeCursor(after, ordering(mode), 2, 'after');
    if (score === null || id === null || !Number.isFinite(Number(score))) throw invalidInput(searchErrorTexts.invalidCursor, { argument: 'after' });
    return { mode, score, id };
  }
}
