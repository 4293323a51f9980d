/** A response's data or extensions as scripts and tests read them: JSON whose shape they check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the wire, checked by its readers (assertions), not by types
export type GraphQLData = Record<string, any>;

/** A minimal GraphQL-over-HTTP client for scripts and tests. */
export interface GraphQLResponse<T = GraphQLData> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: GraphQLData }[];
  extensions?: GraphQLData;
}

export async function graphqlRequest<T = GraphQLData>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  }).catch((error: unknown) => {
    // fetch says only "fetch failed"; the cause (a reset, a refused connection, a timeout) is what explains a failure.
    throw new Error(`POST ${url} failed: ${describeCause(error)} — ${query.slice(0, 200)}`, { cause: error });
  });
  const body = (await response.json()) as Pick<GraphQLResponse<T>, 'data' | 'errors' | 'extensions'>;
  return { status: response.status, headers: response.headers, ...body };
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? `${cause.code ?? ''} ${cause.message ?? String(cause)}`.trim() : String(error);
}

/** Like graphqlRequest, but fails on any error and returns the data. */
export async function graphqlData<T = GraphQLData>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<T> {
  const result = await graphqlRequest<T>(url, query, variables, options);
  if (result.errors?.length || !result.data) {
    throw new Error(`GraphQL request failed (${result.status}): ${JSON.stringify(result.errors ?? result)}`);
  }
  return result.data;
}
