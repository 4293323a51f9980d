import { describe, expect, it } from 'vitest';
import { spreadsheetSafe } from './spreadsheet-safe.js';

describe('spreadsheetSafe', () => {
  it('prefixes texts a spreadsheet would run as a formula', () => {
    expect(['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'].map(spreadsheetSafe)).toEqual(["'=SUM(A1)", "'+1", "'-2+3", "'@cmd", "'\tx", "'\rx"]);
  });
  it('leaves other texts and other values as they are', () => {
    expect(['Ada', 'a=b', '', ' =x'].map(spreadsheetSafe)).toEqual(['Ada', 'a=b', '', ' =x']);
    expect([-2, null, undefined, true].map(spreadsheetSafe)).toEqual([-2, null, undefined, true]);
  });
});
