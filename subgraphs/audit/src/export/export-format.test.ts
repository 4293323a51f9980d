import { describe, expect, it } from 'vitest';
import { csvLine, jsonLine } from './export-format.js';

describe('export lines', () => {
  it('quote CSV fields that need it and neutralize formulas', () => {
    const line = csvLine({ id: 'a', action: 'x,y', userAgent: 'say "hi"', actorApiKeyName: '=cmd()', data: { a: 1 } });
    expect(line).toBe('a,,"x,y",,,,,\'=cmd(),,"say ""hi""",,,"{""a"":1}",,,\r\n');
  });

  it('write one JSON object per line', () => {
    expect(jsonLine({ a: 1, b: 'x' })).toBe('{"a":1,"b":"x"}\n');
  });
});
