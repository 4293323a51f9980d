import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebhooksConfig } from '../config.js';
import { EventCatalog } from './event-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'webhooks-catalog-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('the event catalog', () => {
  it('is read once from its file, and knows types, prefixes and *', () => {
    const catalog = EventCatalog.load(
      file(
        'ok.json',
        JSON.stringify({
          cell: 'x',
          events: [
            { type: 'task.created', module: 'tasks', description: null, schema: { type: 'object' } },
            { type: 'task.updated', module: 'tasks', description: 'Changed', schema: { type: 'object' } },
          ],
        }),
      ),
    );
    expect(catalog.entries).toHaveLength(2);
    for (const pattern of ['task.created', 'task.*', '*']) expect(catalog.isKnownPattern(pattern), pattern).toBe(true);
    for (const pattern of ['task.deleted', 'contact.*', '.*', 'task']) expect(catalog.isKnownPattern(pattern), pattern).toBe(false);
  });

  it('fails fast with the variable’s name when the file is missing or malformed', () => {
    expect(() => EventCatalog.load(join(dir, 'missing.json'))).toThrow(/WEBHOOK_EVENT_CATALOG_PATH: cannot read .*npm run compose/);
    expect(() => EventCatalog.load(file('bad.json', '{'))).toThrow('is not JSON');
    expect(() => EventCatalog.load(file('shape.json', '{"cell":"x","events":[{"type":1}]}'))).toThrow('is not an event catalog');
    expect(() => parseWebhooksConfig({ NODE_ENV: 'test' })).toThrow(/WEBHOOK_EVENT_CATALOG_PATH: is required/);
  });

  it('needs an encryption key in production, and allows private URLs only outside it unless told', () => {
    const path = { WEBHOOK_EVENT_CATALOG_PATH: '/x' };
    expect(() => parseWebhooksConfig({ ...path, NODE_ENV: 'production' })).toThrow('WEBHOOK_ENCRYPTION_KEY');
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(parseWebhooksConfig({ ...path, NODE_ENV: 'production', WEBHOOK_ENCRYPTION_KEY: key }).allowPrivateUrls).toBe(false);
    expect(parseWebhooksConfig({ ...path, NODE_ENV: 'test' }).allowPrivateUrls).toBe(true);
    expect(parseWebhooksConfig({ ...path, NODE_ENV: 'development', WEBHOOK_ALLOW_PRIVATE_URLS: 'false' }).allowPrivateUrls).toBe(false);
    expect(parseWebhooksConfig({ ...path, NODE_ENV: 'test', WEBHOOK_RETRY_SCHEDULE_MS: '100,200' }).retryScheduleMs).toEqual([100, 200]);
    expect(() => parseWebhooksConfig({ ...path, NODE_ENV: 'test', WEBHOOK_RETRY_SCHEDULE_MS: 'soon' })).toThrow('WEBHOOK_RETRY_SCHEDULE_MS');
  });
});
