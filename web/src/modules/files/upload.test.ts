import { describe, expect, it } from 'vitest';
import { formatBytes } from './upload';

describe('formatBytes', () => {
  it('shows sizes in powers of 1,024 with one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2458)).toBe('2.4 KB');
    expect(formatBytes(18 * 1024 * 1024)).toBe('18 MB');
    expect(formatBytes(1024 ** 5 * 3)).toBe('3072 TB');
  });

  it('writes the number as the reader’s locale does', () => {
    expect(formatBytes(2458, 'de-DE')).toBe('2,4 KB');
    expect(formatBytes(1000, 'de-DE')).toBe('1000 B');
  });
});
