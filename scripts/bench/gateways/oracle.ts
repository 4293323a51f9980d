/**
 * Before any load: every gateway must answer both queries with exactly the same `data` (same JSON
 * text: fields in query order) and no errors. Extensions may differ (ours reports `cost`).
 */
import type { Contestant } from './contestants.js';
import { objectCount, type BenchQuery } from './queries.js';

export interface OracleResult {
  passed: boolean;
  /** Per query: objects in the reference answer (stock's) and what disagreed. */
  queries: Record<string, { objects: number; mismatches: string[] }>;
}

async function answer(url: string, query: string): Promise<{ status: number; data: string; errors: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  return { status: response.status, data: JSON.stringify(body.data ?? null), errors: body.errors };
}

export async function oracleCheck(contestants: Contestant[], queries: BenchQuery[]): Promise<OracleResult> {
  const result: OracleResult = { passed: true, queries: {} };
  for (const query of queries) {
    const answers = await Promise.all(contestants.map(async (contestant) => ({ name: contestant.name, ...(await answer(contestant.url, query.query)) })));
    const reference = answers[0]!;
    const mismatches = answers.flatMap(({ name, status, data, errors }) => [
      ...(status === 200 ? [] : [`${name}: HTTP ${status}`]),
      ...(errors === undefined ? [] : [`${name}: errors ${JSON.stringify(errors).slice(0, 300)}`]),
      ...(data === reference.data ? [] : [`${name}: data differs from ${reference.name}'s`]),
    ]);
    result.queries[query.name] = { objects: objectCount(JSON.parse(reference.data)), mismatches };
    result.passed &&= mismatches.length === 0;
  }
  return result;
}
