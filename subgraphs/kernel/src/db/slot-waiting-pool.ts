import pg from 'pg';

/** Postgres refused a new connection for want of a slot (max_connections, or the role's or database's CONNECTION LIMIT). */
const TOO_MANY_CONNECTIONS = '53300';
const FIRST_DELAY_MS = 20;
const LONGEST_DELAY_MS = 500;

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (error?: Error | boolean) => void) => void;

function outOfSlots(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === TOO_MANY_CONNECTIONS;
}

/**
 * pg's pool, except that a connection the server refuses for want of a slot is tried again (with
 * backoff and jitter) until the pool's acquire bound (`connectionTimeoutMillis`) has passed, as a
 * pool waits for one of its own connections to come free: a burst of several processes at the
 * server's connection limit queues for a moment instead of failing at once. Any other failure — a
 * server stopped or unreachable — still fails at once (see `isDatabaseUnavailable`).
 */
export class SlotWaitingPool extends pg.Pool {
  private readonly slotWaitListeners = new Set<(refusal: Error) => void>();

  /** Calls `listener` with the server's refusal each time the pool waits for a slot. */
  onSlotWait(listener: (refusal: Error) => void): void {
    this.slotWaitListeners.add(listener);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback) return new Promise((resolve, reject) => this.connect((error, client) => (error ? reject(error) : resolve(client!))));
    const bound = this.options.connectionTimeoutMillis || 0;
    const deadline = Date.now() + bound;
    const attempt = (delay: number) =>
      super.connect((error, client, release) => {
        const wait = Math.round(delay * (0.5 + Math.random()));
        if (error && outOfSlots(error) && bound > 0 && Date.now() + wait < deadline) {
          for (const listener of this.slotWaitListeners) listener(error);
          setTimeout(() => attempt(Math.min(delay * 2, LONGEST_DELAY_MS)), wait);
          return;
        }
        callback(error, client, release);
      });
    attempt(FIRST_DELAY_MS);
  }
}

/** The pg module as TypeORM loads it (its `driver` option), with the slot-waiting pool. */
export const slotWaitingDriver = { ...pg, Pool: SlotWaitingPool };

/** How long a single admin or maintenance connection waits for a slot before it fails (a hang guard). */
const CLIENT_SLOT_WAIT_MS = 30_000;

/**
 * A connected pg.Client (migrations, provisioning, maintenance): like the pool above, a connection
 * the server refuses for want of a slot is tried again with backoff, for up to `slotWaitMs`; any
 * other failure fails at once.
 */
export async function connectClient(config: pg.ClientConfig, slotWaitMs = CLIENT_SLOT_WAIT_MS): Promise<pg.Client> {
  const deadline = Date.now() + slotWaitMs;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, LONGEST_DELAY_MS)) {
    const client = new pg.Client(config);
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      const wait = Math.round(delay * (0.5 + Math.random()));
      if (!outOfSlots(error) || Date.now() + wait >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
