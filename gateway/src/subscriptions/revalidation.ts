import { AuthenticationError } from '../authenticate.js';

export type RevalidationVerdict = { kind: 'valid' } | { kind: 'revoked'; reason: string } | { kind: 'undecided'; reason: string };

/**
 * Checks a connection's credentials again. Only a definitive answer revokes: the credentials were
 * refused (AuthenticationError: expired, signed out, revoked key). Anything else — identity or
 * Redis unavailable, a rate limit, a check slower than `timeoutMs` — decides nothing: the
 * connection stays open and is checked again at the next interval.
 */
export async function revalidation(check: () => Promise<unknown>, timeoutMs: number): Promise<RevalidationVerdict> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<RevalidationVerdict>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'undecided', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const checked = check().then(
    (): RevalidationVerdict => ({ kind: 'valid' }),
    (error: unknown): RevalidationVerdict =>
      error instanceof AuthenticationError
        ? { kind: 'revoked', reason: error.message }
        : { kind: 'undecided', reason: (error as Error)?.message ?? String(error) },
  );
  try {
    return await Promise.race([checked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
