import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWithRequestContext } from '../context/request-context.js';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('writes JSON lines with the request id and redacts secrets an error may carry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cellgraph-log-'));
    const file = join(dir, 'log.jsonl');
    const logger = createLogger('test', 'info', file);
    const error = Object.assign(new Error('insert failed'), { parameters: ['alice@example.test', '$argon2id$secret-hash'] });
    runWithRequestContext({ requestId: 'req-7', principal: { kind: 'anonymous' } }, () => {
      logger.error({ err: error, password: 'Hunter2-Hunter2', variables: { token: 'cgr_x' } }, 'boom');
    });
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { err: { parameters?: unknown } } & Record<string, unknown>;
    rmSync(dir, { recursive: true });
    expect(line).toMatchObject({ level: 'error', service: 'test', requestId: 'req-7', msg: 'boom', password: '[redacted]', variables: '[redacted]' });
    expect(line.err.parameters).toBe('[redacted]');
    expect(JSON.stringify(line)).not.toMatch(/Hunter2|argon2id|cgr_x/);
  });
});
