/** What a user chose for the events a pattern covers. */
export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
  push: boolean;
  muted: boolean;
}

export interface PatternChoice extends ChannelChoice {
  eventPattern: string;
}

/** Without a preference: in-app and e-mail, no push. */
export const DEFAULT_CHOICE: Readonly<ChannelChoice> = { inApp: true, email: true, push: false, muted: false };

/** An event type (`task.assigned`), a prefix (`task.*`, any depth) or every event (`*`). */
export const EVENT_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;

/**
 * How specifically `pattern` matches `eventType`: -1 when it does not; the exact type beats every
 * prefix, a longer prefix beats a shorter one, and `*` matches last.
 */
export function specificity(pattern: string, eventType: string): number {
  if (pattern === eventType) return Number.MAX_SAFE_INTEGER;
  if (pattern === '*') return 0;
  if (pattern.endsWith('.*') && eventType.startsWith(pattern.slice(0, -1))) return pattern.length;
  return -1;
}

/** The most specific of `candidates` matching `eventType`, or null. */
export function mostSpecific<T>(candidates: readonly T[], eventType: string, patternOf: (candidate: T) => string): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = specificity(patternOf(candidate), eventType);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** The channels `eventType` reaches a user on, given all of that user's preferences. */
export function resolveChannels(preferences: readonly PatternChoice[], eventType: string): { inApp: boolean; email: boolean; push: boolean } {
  const choice = mostSpecific(preferences, eventType, (p) => p.eventPattern) ?? DEFAULT_CHOICE;
  if (choice.muted) return { inApp: false, email: false, push: false };
  return { inApp: choice.inApp, email: choice.email, push: choice.push };
}
