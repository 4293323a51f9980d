/** Readiness of each subgraph, asked of its `/health/ready` (next to its `/graphql`). */
export async function subgraphReadiness(urls: Record<string, string>, timeoutMs = 2000): Promise<Record<string, 'ok' | 'failing'>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const healthUrl = url.replace(/\/graphql\/?$/, '/health/ready');
      try {
        const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ok' : 'failing'] as const;
      } catch {
        return [name, 'failing'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
