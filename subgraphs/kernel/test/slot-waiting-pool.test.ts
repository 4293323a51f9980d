import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/errors.js';
import { connectClient, SlotWaitingPool } from '../src/db/slot-waiting-pool.js';
import { TEST_DATABASE_URL, withClient } from '../src/testing/index.js';

// A role allowed one connection: the server refuses a second with 53300, as it does at max_connections.
const role = `cellgraph_slot_probe_${randomBytes(4).toString('hex')}`;
const asRole = (() => {
  const url = new URL(TEST_DATABASE_URL);
  url.username = role;
  url.password = '';
  return url.toString();
})();

beforeAll(() => withClient(TEST_DATABASE_URL, (client) => client.query(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1`)));
afterAll(() => withClient(TEST_DATABASE_URL, (client) => client.query(`DROP ROLE IF EXISTS ${role}`)));

async function holdTheSlot(): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: asRole });
  await holder.connect();
  return holder;
}

describe('SlotWaitingPool', () => {
  it('waits for a connection slot the server refused, and connects once one is free', async () => {
    const holder = await holdTheSlot();
    const plain = new pg.Pool({ connectionString: asRole, connectionTimeoutMillis: 60_000 });
    const waiting = new SlotWaitingPool({ connectionString: asRole, connectionTimeoutMillis: 60_000 });
    try {
      // pg's own pool fails at once…
      await expect(plain.connect()).rejects.toMatchObject({ code: '53300' });
      // …this one waits, and gets the slot once the holder lets it go.
      const refused = new Promise<void>((resolve) => waiting.onSlotWait(() => resolve()));
      const acquired = waiting.connect();
      await refused;
      await holder.end();
      const client = await acquired;
      expect((await client.query('SELECT current_user AS user')).rows[0].user).toBe(role);
      client.release();
    } finally {
      await holder.end().catch(() => undefined);
      await Promise.all([plain.end(), waiting.end()]);
    }
  });

  it('fails as unavailable once its acquire bound has passed without a free slot', async () => {
    const holder = await holdTheSlot();
    const waiting = new SlotWaitingPool({ connectionString: asRole, connectionTimeoutMillis: 300 });
    let waits = 0;
    waiting.onSlotWait(() => (waits += 1));
    try {
      const error = await waiting.connect().then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(error).toMatchObject({ code: '53300' });
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(waits).toBeGreaterThan(0);
    } finally {
      await holder.end();
      await waiting.end();
    }
  });

  it('does not wait when the server cannot be reached at all', async () => {
    const unreachable = new URL(asRole);
    unreachable.port = '1';
    const waiting = new SlotWaitingPool({ connectionString: unreachable.toString(), connectionTimeoutMillis: 60_000 });
    let waits = 0;
    waiting.onSlotWait(() => (waits += 1));
    try {
      await expect(waiting.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(waits).toBe(0);
    } finally {
      await waiting.end();
    }
  });
});

describe('connectClient', () => {
  it('waits for a slot the server refused, up to its bound, and fails with the refusal past it', async () => {
    const holder = await holdTheSlot();
    const connecting = connectClient({ connectionString: asRole }, 60_000);
    // Refused at first (the holder has the role's only slot); connects once the holder leaves.
    await expect(connectClient({ connectionString: asRole }, 200)).rejects.toMatchObject({ code: '53300' });
    await holder.end();
    const client = await connecting;
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
  });
});
