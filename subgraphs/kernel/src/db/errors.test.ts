import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { maskInternalErrors } from '../errors/mask.js';
import { userError } from '../errors/user-errors.js';
import { isDatabaseUnavailable } from './errors.js';

const driver = (code: string, message = 'failed') => Object.assign(new Error(message), { code });
const failedQuery = (error: Error) => new QueryFailedError('SELECT 1', [], error);

describe('isDatabaseUnavailable', () => {
  it('recognises an outage: lost or refused connections, shutdowns, too many connections, an exhausted pool', () => {
    const refused = new AggregateError(
      [driver('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), driver('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432')],
      '',
    );
    for (const error of [
      failedQuery(driver('57P01', 'terminating connection due to administrator command')),
      failedQuery(driver('57P03', 'the database system is starting up')),
      failedQuery(driver('08006', 'connection failure')),
      driver('53300', 'sorry, too many clients already'),
      refused,
      new Error('Connection terminated unexpectedly'),
      failedQuery(new Error('Connection terminated unexpectedly')),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      failedQuery(driver('ECONNRESET', 'read ECONNRESET')),
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    }
  });

  it('leaves statement errors and bugs alone', () => {
    for (const error of [
      failedQuery(driver('23505', 'duplicate key')),
      failedQuery(driver('42601', 'syntax error')),
      failedQuery(driver('42501', 'row-level security')),
      new TypeError('x is undefined'),
      Object.assign(new TypeError('fetch failed'), { cause: driver('ECONNREFUSED') }),
      null,
      'text',
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});

describe('a subgraph’s error masking', () => {
  const mask = maskInternalErrors(createLogger('test', 'silent'));
  const formatted = { message: 'x', path: ['tasks'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };

  it('answers a database outage with SERVICE_UNAVAILABLE and retryAfter', () => {
    expect(mask(formatted, failedQuery(driver('57P01')))).toMatchObject({
      path: ['tasks'],
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) },
    });
  });

  it('answers an expected failure outside a mutation payload with its code and field', () => {
    expect(mask(formatted, userError('TIME_INVALID_INPUT', 'from must be before to', ['input', 'from']))).toMatchObject({
      message: 'from must be before to',
      extensions: { code: 'TIME_INVALID_INPUT', field: ['input', 'from'] },
    });
  });

  it('still hides anything else', () => {
    expect(mask(formatted, new TypeError('secret detail'))).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
