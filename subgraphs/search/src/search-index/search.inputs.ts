import { PageInfo } from '@cellgraph/kernel';
import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';
import { NodeRef } from '../node/node.ref.js';
import { HighlightedText } from './highlight.js';

export const SEARCH_DEFAULT_PAGE_SIZE = 20;
export const SEARCH_MAX_PAGE_SIZE = 50;

@ArgsType()
export class SearchArgs {
  @Field({ description: 'Words to find (websearch syntax: "a phrase", -excluded, or); typos in titles are tolerated. 1 to 200 characters.' })
  query!: string;

  @Field(() => [String], { nullable: true, description: 'Only objects of these Node types (e.g. ["Task", "Contact"]); default every type.' })
  types?: string[] | null;

  @Field(() => Int, { nullable: true, description: `Results after \`after\` (default ${SEARCH_DEFAULT_PAGE_SIZE}, max ${SEARCH_MAX_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ObjectType({ description: 'An object found by a search.' })
export class SearchResult {
  @Field(() => NodeRef, { description: 'The object; select its fields with fragments (`... on Task { status }`).' })
  node!: NodeRef;

  @Field({ description: 'Its Node type name.' })
  type!: string;

  @Field(() => Float, { description: 'Relevance: higher first (words weighted title over body, plus title similarity).' })
  score!: number;

  @Field(() => HighlightedText, { description: 'Its title, with the searched words highlighted.' })
  title!: HighlightedText;

  @Field(() => HighlightedText, { nullable: true, description: 'The best passage of its body with the searched words highlighted; null when it has no body.' })
  snippet!: HighlightedText | null;
}

@ObjectType('SearchResultEdge')
export class SearchResultEdge {
  @Field({ description: 'Opaque cursor of this edge, for `after`.' })
  cursor!: string;

  @Field(() => SearchResult)
  node!: SearchResult;
}

/**
 * Relay-shaped (edges, nodes, pageInfo) but forward only and without totalCount — a count would
 * reveal hidden objects — so it is not named a Connection (the cell's connection walker expects
 * backward paging and a total of every `…Connection`).
 */
@ObjectType({ description: 'Search results the caller may read, best first, forward pages (first/after). No total: a count would reveal hidden objects.' })
export class SearchResults {
  @Field(() => [SearchResultEdge])
  edges!: SearchResultEdge[];

  @Field(() => [SearchResult])
  nodes!: SearchResult[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
