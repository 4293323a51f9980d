import { CodedError, type Logger } from '@cellgraph/kernel/core';
import { subgraphFetch, type SubgraphHttpRequest, type SubgraphHttpResponse } from './subgraph-http.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures (unreachable, timed out, 502/503/504) that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  cooldownMs: number;
}

export interface BreakerReport {
  breaker: BreakerState;
  consecutiveFailures: number;
}

/** Answered instead of calling a subgraph whose breaker is open: the rest of the query still runs. */
export class CircuitOpenError extends CodedError {
  constructor(retryAfterSeconds: number) {
    super('SERVICE_UNAVAILABLE', 'A service needed for this field is unavailable', { retryAfter: retryAfterSeconds });
    this.name = 'CircuitOpenError';
  }
}

// Statuses of a subgraph (or the proxy in front of it) that cannot serve; any other answer, even
// an error, shows it is there.
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * A circuit breaker for one subgraph. Closed: calls go through and consecutive failures are
 * counted; `failureThreshold` of them open it. Open: calls fail at once with CircuitOpenError
 * for `cooldownMs`. Then half-open: one call goes through as a probe (the others still fail at
 * once); its success closes the breaker, its failure opens it for another cool-down. Any success
 * closes it: the subgraph answered.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;

  constructor(
    readonly name: string,
    private readonly options: BreakerOptions,
    private readonly logger: Logger,
  ) {}

  report(): BreakerReport {
    // An open breaker past its cool-down lets the next call probe: report it as such.
    const state = this.state === 'open' && this.coolingDownFor() === 0 ? 'half-open' : this.state;
    return { breaker: state, consecutiveFailures: this.failures };
  }

  /** A subgraph call through the breaker: thrown errors and unavailable statuses count as failures. */
  async fetch(url: string, init: SubgraphHttpRequest): Promise<SubgraphHttpResponse> {
    const probe = this.admit();
    try {
      const response = await subgraphFetch(url, init);
      if (UNAVAILABLE_STATUSES.has(response.status)) this.failed(probe, `status ${response.status}`);
      else this.succeeded();
      return response;
    } catch (error) {
      this.failed(probe, (error as Error).message);
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }

  /** Lets a call through (true when it is the half-open probe) or throws CircuitOpenError. */
  private admit(): boolean {
    if (this.state === 'closed') return false;
    const wait = this.coolingDownFor();
    if (wait === 0 && !this.probing) {
      this.state = 'half-open';
      this.probing = true;
      return true;
    }
    throw new CircuitOpenError(Math.max(1, Math.ceil(wait / 1000)));
  }

  private coolingDownFor(): number {
    return Math.max(0, this.openedAt + this.options.cooldownMs - Date.now());
  }

  private succeeded(): void {
    if (this.state !== 'closed') this.logger.info({ subgraph: this.name }, 'circuit breaker closed');
    this.state = 'closed';
    this.failures = 0;
  }

  private failed(probe: boolean, reason: string): void {
    this.failures += 1;
    // Late failures of calls sent before the breaker opened do not extend its cool-down.
    if (probe || (this.state === 'closed' && this.failures >= this.options.failureThreshold)) {
      this.state = 'open';
      this.openedAt = Date.now();
      this.logger.warn({ subgraph: this.name, consecutiveFailures: this.failures, cooldownMs: this.options.cooldownMs, reason }, 'circuit breaker open');
    }
  }
}

/** One breaker per subgraph, shared by every call the gateway makes to it. */
export class SubgraphBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly options: BreakerOptions,
    private readonly logger: Logger,
  ) {}

  of(subgraph: string): CircuitBreaker {
    let breaker = this.breakers.get(subgraph);
    if (!breaker) {
      breaker = new CircuitBreaker(subgraph, this.options, this.logger);
      this.breakers.set(subgraph, breaker);
    }
    return breaker;
  }

  report(subgraph: string): BreakerReport {
    return this.of(subgraph).report();
  }
}
