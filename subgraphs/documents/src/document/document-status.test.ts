import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATUSES } from '../contracts.js';
import { canTransition, DOCUMENT_TRANSITIONS, DocumentStatus, EXPIRABLE_STATUSES, isLocked, LOCKED_STATUSES } from './document-status.js';

const ALL = Object.values(DocumentStatus);

/** Statuses reachable from `from` in any number of moves. */
function reachable(from: DocumentStatus): Set<DocumentStatus> {
  const seen = new Set<DocumentStatus>();
  const queue = [from];
  while (queue.length) for (const next of DOCUMENT_TRANSITIONS[queue.shift()!]) if (!seen.has(next) && seen.add(next)) queue.push(next);
  return seen;
}

// The domain is finite (7 × 7 moves): every pair is checked, not a sample.
describe('document status machine', () => {
  it('is the contract’s set of statuses, and canTransition is exactly the table', () => {
    expect([...ALL].sort()).toEqual([...DOCUMENT_STATUSES].sort());
    for (const from of ALL) for (const to of ALL) expect(canTransition(from, to)).toBe(DOCUMENT_TRANSITIONS[from].includes(to));
  });

  it('never stays in place, ends in EXPIRED or VOID, and reaches every status from DRAFT', () => {
    for (const status of ALL) expect(canTransition(status, status)).toBe(false);
    expect(DOCUMENT_TRANSITIONS[DocumentStatus.EXPIRED]).toEqual([]);
    expect(DOCUMENT_TRANSITIONS[DocumentStatus.VOID]).toEqual([]);
    expect(reachable(DocumentStatus.DRAFT)).toEqual(new Set(ALL));
    // Every status but the final ones can be voided.
    for (const status of ALL) expect(canTransition(status, DocumentStatus.VOID)).toBe(status !== DocumentStatus.VOID && status !== DocumentStatus.EXPIRED);
  });

  it('signs only what was sent, expires only what was sent or signed, and never unsigns', () => {
    expect(ALL.filter((from) => canTransition(from, DocumentStatus.SIGNED))).toEqual([DocumentStatus.SENT]);
    expect(ALL.filter((from) => canTransition(from, DocumentStatus.EXPIRED)).sort()).toEqual([...EXPIRABLE_STATUSES].sort());
    // Once signed, the document is never a draft or under review again: only EXPIRED or VOID follow.
    for (const status of reachable(DocumentStatus.SIGNED)) expect(isLocked(status)).toBe(true);
    for (const status of LOCKED_STATUSES) for (const next of reachable(status)) expect(LOCKED_STATUSES).toContain(next);
  });
});
