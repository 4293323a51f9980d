import { text, type ReaderText } from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { financeErrorTexts } from '../messages.js';

/*
 * Invoice numbers per organization, from a pattern of literal text and tokens:
 *   {YYYY} the issue date's year, {YY} its last two digits, {MM} its month (01–12),
 *   {SEQ} or {SEQ:n} the number in the series, padded with zeros to n digits (1–9).
 * A series is the pattern with its dates filled in ("INV-2026-{SEQ:4}"): each series counts from 1,
 * so a pattern with {YYYY} starts again every year. Numbers are gapless and unique under
 * concurrency: the series' counter row is incremented in the transaction that creates the invoice
 * (its row lock orders concurrent creates; a rolled-back create gives its number back).
 */

export const DEFAULT_INVOICE_NUMBER_PATTERN = 'INV-{YYYY}-{SEQ:4}';
/** The longest number a pattern may produce (the column's limit). */
const MAX_NUMBER_LENGTH = 50;

const TOKENS = /\{(YYYY|YY|MM|SEQ(?::([1-9]))?)\}/g;
const LITERAL = /^[A-Za-z0-9 ._\-/#]*$/;

/** Why `pattern` is not a valid numbering pattern, or null when it is. */
export function patternProblem(pattern: string): ReaderText | null {
  const sequences = [...pattern.matchAll(TOKENS)].filter((match) => match[1]!.startsWith('SEQ'));
  if (sequences.length !== 1) return financeErrorTexts.patternOneSequence;
  if (!LITERAL.test(pattern.replace(TOKENS, ''))) return financeErrorTexts.patternCharacters;
  if (renderNumber(pattern, '2026-12-31', 10 ** 9 - 1).length > MAX_NUMBER_LENGTH) return text(financeErrorTexts.numberTooLong, { max: MAX_NUMBER_LENGTH });
  return null;
}

/** The series an invoice issued on `issueDate` (YYYY-MM-DD) belongs to: the pattern with its dates filled in. */
export function seriesOf(pattern: string, issueDate: string): string {
  return pattern.replace(TOKENS, (token, name: string) => (name.startsWith('SEQ') ? token : dateToken(name, issueDate)));
}

/** The number `sequence` of the series of `issueDate`. */
export function renderNumber(pattern: string, issueDate: string, sequence: number): string {
  return pattern.replace(TOKENS, (_token, name: string, width?: string) =>
    name.startsWith('SEQ') ? String(sequence).padStart(Number(width ?? 1), '0') : dateToken(name, issueDate),
  );
}

function dateToken(name: string, date: string): string {
  if (name === 'YYYY') return date.slice(0, 4);
  if (name === 'YY') return date.slice(2, 4);
  return date.slice(5, 7);
}

/** The organization's pattern (the default until it sets one), read in the caller's transaction. */
export async function numberingPattern(em: EntityManager, orgId: string): Promise<string> {
  const rows: { pattern: string }[] = await em.query('SELECT pattern FROM finance.invoice_numbering WHERE org_id = $1', [orgId]);
  return rows[0]?.pattern ?? DEFAULT_INVOICE_NUMBER_PATTERN;
}

/**
 * The next number for an invoice issued on `issueDate`, taken in the caller's transaction (which
 * holds the series' counter locked until it ends). A number already used — possible only after
 * the pattern changed to one producing the same text — is skipped.
 */
export async function takeInvoiceNumber(em: EntityManager, orgId: string, issueDate: string): Promise<string> {
  const pattern = await numberingPattern(em, orgId);
  const series = seriesOf(pattern, issueDate);
  for (;;) {
    const [{ last_value: sequence }]: { last_value: string }[] = await em.query(
      `INSERT INTO finance.invoice_number_counters AS counter (org_id, series, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (org_id, series) DO UPDATE SET last_value = counter.last_value + 1
       RETURNING last_value`,
      [orgId, series],
    );
    const number = renderNumber(pattern, issueDate, Number(sequence));
    const taken: unknown[] = await em.query('SELECT 1 FROM finance.invoices WHERE org_id = $1 AND number = $2', [orgId, number]);
    if (!taken.length) return number;
  }
}

/** The number the next invoice issued on `issueDate` would get (a preview: nothing is taken). */
export async function previewInvoiceNumber(em: EntityManager, orgId: string, issueDate: string, pattern?: string): Promise<string> {
  const chosen = pattern ?? (await numberingPattern(em, orgId));
  const rows: { last_value: string }[] = await em.query('SELECT last_value FROM finance.invoice_number_counters WHERE org_id = $1 AND series = $2', [
    orgId,
    seriesOf(chosen, issueDate),
  ]);
  return renderNumber(chosen, issueDate, Number(rows[0]?.last_value ?? 0) + 1);
}
