import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import { CodedError } from '../errors/coded-error.js';

export type { Redis } from 'ioredis';

/** How long a command may wait for Redis's answer before Redis counts as unavailable (REDIS_COMMAND_TIMEOUT_MS). */
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1_000;

/** Redis did not answer (stopped, frozen, unreachable): the caller may try again shortly. */
export class RedisUnavailableError extends CodedError {
  constructor(cause: Error) {
    super('SERVICE_UNAVAILABLE', 'A service this request needs is unavailable; try again shortly');
    this.name = 'RedisUnavailableError';
    this.cause = cause;
  }
}

export function isRedisUnavailable(error: unknown): error is RedisUnavailableError {
  return error instanceof RedisUnavailableError;
}

/**
 * A connection for the request path: it fails fast instead of waiting for Redis.
 *  - Once connected, commands issued while disconnected fail at once (no offline queue), and
 *    commands in flight fail when the connection drops (no retries). Until the first connection,
 *    commands wait for it, so a process may start before Redis does.
 *  - A command Redis does not answer within `commandTimeoutMs` fails, and the connection is
 *    dropped and reopened: a frozen Redis (connection open, no answers) then fails every later
 *    command at once, until a new connection passes its ready check.
 * Connection failures reject with RedisUnavailableError (SERVICE_UNAVAILABLE); Redis's own
 * errors (ReplyError) stay as they are.
 * BullMQ workers and other blocking connections need the opposite (`maxRetriesPerRequest: null`)
 * and open their own connections.
 */
class FailFastRedis extends Redis {
  constructor(
    private readonly url: string,
    private readonly settings: { name: string; commandTimeoutMs: number },
    extra: Partial<RedisOptions> = {},
  ) {
    super(url, { connectionName: settings.name, maxRetriesPerRequest: null, enableOfflineQueue: true, enableReadyCheck: true, lazyConnect: false, ...extra });
    this.once('ready', () => {
      this.options.enableOfflineQueue = false;
      this.options.maxRetriesPerRequest = 0;
      this.options.commandTimeout = settings.commandTimeoutMs;
    });
    // Reconnection errors are expected during an outage; callers see theirs as RedisUnavailableError.
    this.on('error', () => {});
  }

  override sendCommand(...args: Parameters<Redis['sendCommand']>): ReturnType<Redis['sendCommand']> {
    const [command] = args;
    const reject = command.reject;
    command.reject = (error: Error) => {
      if (error instanceof ReplyError) return reject(error);
      if (error.message === 'Command timed out' && this.status === 'ready') this.disconnect(true);
      reject(new RedisUnavailableError(error));
    };
    return super.sendCommand(...args);
  }

  override duplicate(override: Partial<RedisOptions> = {}): Redis {
    return new FailFastRedis(this.url, this.settings, override);
  }
}

/** A request-path connection that fails fast while Redis is down or frozen (see FailFastRedis). */
export function connectRedis(url: string, name: string, commandTimeoutMs = DEFAULT_REDIS_COMMAND_TIMEOUT_MS): Redis {
  return new FailFastRedis(url, { name, commandTimeoutMs });
}

/** True when Redis answers PING within `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return answer === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
