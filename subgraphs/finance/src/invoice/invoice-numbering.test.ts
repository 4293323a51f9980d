import { describe, expect, it } from 'vitest';
import { financeErrorTexts } from '../messages.js';
import { DEFAULT_INVOICE_NUMBER_PATTERN, patternProblem, renderNumber, seriesOf } from './invoice-numbering.js';

describe('invoice number patterns', () => {
  it('fill in the issue date and the padded sequence', () => {
    expect(renderNumber(DEFAULT_INVOICE_NUMBER_PATTERN, '2026-03-09', 1)).toBe('INV-2026-0001');
    expect(renderNumber(DEFAULT_INVOICE_NUMBER_PATTERN, '2026-03-09', 12345)).toBe('INV-2026-12345');
    expect(renderNumber('{YY}{MM}/{SEQ}', '2026-03-09', 7)).toBe('2603/7');
  });

  it('count one series per filled-in pattern (a new year starts again)', () => {
    expect(seriesOf(DEFAULT_INVOICE_NUMBER_PATTERN, '2026-12-31')).toBe('INV-2026-{SEQ:4}');
    expect(seriesOf(DEFAULT_INVOICE_NUMBER_PATTERN, '2027-01-01')).toBe('INV-2027-{SEQ:4}');
    expect(seriesOf('F-{SEQ:6}', '2027-01-01')).toBe('F-{SEQ:6}');
  });

  it('need exactly one sequence and plain characters', () => {
    expect(patternProblem(DEFAULT_INVOICE_NUMBER_PATTERN)).toBeNull();
    expect(patternProblem('INV-{YYYY}')).toBe(financeErrorTexts.patternOneSequence);
    expect(patternProblem('{SEQ}-{SEQ:2}')).toBe(financeErrorTexts.patternOneSequence);
    expect(patternProblem('INV-{DATE}-{SEQ}')).toBe(financeErrorTexts.patternCharacters);
    expect(patternProblem('{SEQ:0}')).toBe(financeErrorTexts.patternOneSequence);
  });
});
