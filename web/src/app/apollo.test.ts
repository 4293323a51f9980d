// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppClient } from './apollo';
import { CellQuery } from './cell';
import { setReader } from './i18n';
import type { SessionStore } from './session';

afterEach(() => {
  vi.unstubAllGlobals();
  setReader(null, null);
});

describe('the app’s requests', () => {
  it('carry the reader’s locale as Accept-Language, signed in or not', async () => {
    const languages: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        languages.push(new Headers(init.headers).get('accept-language'));
        return new Response(JSON.stringify({ data: { cell: { __typename: 'Cell', name: 'test', modules: [] } } }), {
          headers: { 'content-type': 'application/json' },
        });
      }),
    );
    const anonymous = { accessToken: async () => null } as unknown as SessionStore;
    const { client } = createAppClient(anonymous, 'http://localhost');

    setReader('de-DE', 'Europe/Berlin');
    await client.query({ query: CellQuery, fetchPolicy: 'network-only' });
    setReader('en-US', 'UTC');
    await client.query({ query: CellQuery, fetchPolicy: 'network-only' });
    expect(languages).toEqual(['de-DE', 'en-US']);
  });
});
