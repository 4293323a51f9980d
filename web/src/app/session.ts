/**
 * The signed-in session, held in memory only. The refresh token never reaches JavaScript: the
 * gateway keeps it in an httpOnly cookie (cookie mode, `X-Cellgraph-Session: cookie`) and
 * `/auth/refresh` exchanges it for a new access token. Refresh tokens are single use, so tabs
 * refresh one at a time (Web Locks) and share the result (BroadcastChannel): a tab that waited
 * for the lock finds a fresh token instead of spending a refresh token another tab already used.
 */

export const SESSION_HEADER = { 'X-Cellgraph-Session': 'cookie' } as const;

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  userId: string;
  organizationId: string | null;
}

/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 60_000;
const LOCK_NAME = 'cellgraph-session-refresh';
const CHANNEL_NAME = 'cellgraph-session';

type SessionMessage = { type: 'session'; session: Session } | { type: 'signed-out' };
type Listener = () => void;

export class SessionStore {
  private session: Session | null = null;
  /** True once the first silent refresh answered (signed in or not). */
  private resolved = false;
  private readonly listeners = new Set<Listener>();
  private readonly channel: BroadcastChannel | null;
  private refreshing: Promise<Session | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly baseUrl = '') {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
    this.channel?.addEventListener('message', (event: MessageEvent<SessionMessage>) => {
      if (event.data.type === 'session') this.set(event.data.session, false);
      else this.set(null, false);
    });
  }

  current(): Session | null {
    return this.session;
  }

  isResolved(): boolean {
    return this.resolved;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** After a sign-in, MFA, sign-up, invitation or organization switch answered with a session. */
  signedIn(session: { accessToken: string; expiresAt: string; user: { id: string }; organization?: { id: string } | null }): void {
    this.set(toSession(session), true);
  }

  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.session;
    if (session && session.expiresAt - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
    if (!session && this.resolved) return null;
    return (await this.refresh())?.accessToken ?? null;
  }

  /** Exchanges the refresh cookie for a new access token, one tab at a time. */
  refresh(): Promise<Session | null> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Signs this session out on the server and in every tab. */
  async signOut(): Promise<void> {
    const token = this.session?.accessToken;
    await fetch(`${this.baseUrl}/auth/sign-out`, {
      method: 'POST',
      credentials: 'include',
      headers: { ...SESSION_HEADER, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }).catch(() => undefined);
    this.set(null, true);
  }

  private async refreshOnce(): Promise<Session | null> {
    const exchange = async () => {
      // Another tab may have refreshed while this one waited for the lock.
      const shared = this.session;
      if (shared && shared.expiresAt - Date.now() > REFRESH_MARGIN_MS) return shared;
      const response = await fetch(`${this.baseUrl}/auth/refresh`, { method: 'POST', credentials: 'include', headers: SESSION_HEADER });
      // 204: no session cookie (nobody signed in here); 401/403: the session ended.
      if (response.status === 204 || response.status === 401 || response.status === 403) {
        this.set(null, true);
        return null;
      }
      if (!response.ok) throw new Error(`Refreshing the session failed (${response.status})`);
      const session = toSession(await response.json());
      this.set(session, true);
      return session;
    };
    try {
      return typeof navigator !== 'undefined' && navigator.locks ? await navigator.locks.request(LOCK_NAME, exchange) : await exchange();
    } finally {
      if (!this.resolved) {
        this.resolved = true;
        this.emit();
      }
    }
  }

  private set(session: Session | null, broadcast: boolean): void {
    this.session = session;
    this.resolved = true;
    clearTimeout(this.timer);
    if (session) {
      // Refresh ahead of expiry so requests never wait for it; an error leaves the next request to try.
      const delay = Math.max(session.expiresAt - Date.now() - REFRESH_MARGIN_MS, 5_000);
      this.timer = setTimeout(() => void this.refresh().catch(() => undefined), delay);
    }
    if (broadcast) this.channel?.postMessage(session ? { type: 'session', session } : { type: 'signed-out' });
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

function toSession(payload: { accessToken: string; expiresAt: string; user: { id: string }; organization?: { id: string } | null }): Session {
  return {
    accessToken: payload.accessToken,
    expiresAt: Date.parse(payload.expiresAt),
    userId: payload.user.id,
    organizationId: payload.organization?.id ?? null,
  };
}
