import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boolFromEnv, ConfigError, intFromEnv, parseEnv } from './env.js';

const schema = z.object({ DATABASE_URL: z.url(), PORT: intFromEnv(4000), DEBUG: boolFromEnv(false) });

describe('parseEnv', () => {
  it('applies defaults and coerces values', () => {
    expect(parseEnv('test', schema, { DATABASE_URL: 'postgres://h/db', DEBUG: 'yes' })).toEqual({ DATABASE_URL: 'postgres://h/db', PORT: 4000, DEBUG: true });
  });

  it('lists every problem at once, naming the concern and the variables', () => {
    let error: unknown;
    try {
      parseEnv('gateway', schema, { DATABASE_URL: 'nope', PORT: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Invalid gateway configuration:\n {2}- DATABASE_URL: .+\n {2}- PORT: .+$/);
  });
});
