// Access and refresh tokens: 30-minute access, 15-day refresh (vendor docs), refreshed before expiry.
import { PartnerPortalError } from "./errors.ts";
import type { TokenSource } from "./middleware.ts";

export interface TokenDetails {
  expiresIn: string;
  refreshToken: string;
  token: string;
  tokenHead: string;
}

/** Exchanges a form for a token pair; throws PartnerPortalError on refusal. */
export type TokenEndpoint = (form: Record<string, string>) => Promise<TokenDetails>;

export interface TokenManagerOptions {
  clientId: string;
  clientSecret: string;
  endpoint: TokenEndpoint;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** Refresh this long before the access token expires. */
  skewMs?: number;
}

/** The documented refresh-token lifetime, since the token endpoint does not return it. */
export const REFRESH_TOKEN_TTL_MS = 15 * 24 * 60 * 60 * 1000;

export class TokenManager implements TokenSource {
  #access?: { token: string; expiresAt: number };
  #refresh?: { token: string; expiresAt: number };
  #inflight?: Promise<string>;
  readonly #opts: Required<TokenManagerOptions>;

  constructor(options: TokenManagerOptions) {
    this.#opts = { ...options, now: options.now ?? Date.now, skewMs: options.skewMs ?? 60_000 };
  }

  accessToken(): Promise<string> {
    const now = this.#opts.now();
    if (this.#access && this.#access.expiresAt - this.#opts.skewMs > now) return Promise.resolve(this.#access.token);
    // One request at a time: concurrent callers share it.
    this.#inflight ??= this.#renew(now).finally(() => (this.#inflight = undefined));
    return this.#inflight;
  }

  invalidate(token: string): void {
    if (this.#access?.token === token) this.#access = undefined;
  }

  async #renew(now: number): Promise<string> {
    if (this.#refresh && this.#refresh.expiresAt - this.#opts.skewMs > now) {
      try {
        return this.#store(
          await this.#opts.endpoint({ grant_type: "refresh_token", refresh_token: this.#refresh.token }),
          now,
        );
      } catch (err) {
        // A refused refresh token falls back to the credentials; anything else (network, 5xx) is the caller's.
        if (!(err instanceof PartnerPortalError) || err.httpStatus !== 401) throw err;
        this.#refresh = undefined;
      }
    }
    const form = {
      grant_type: "pp_credentials",
      client_id: this.#opts.clientId,
      client_secret: this.#opts.clientSecret,
    };
    return this.#store(await this.#opts.endpoint(form), now);
  }

  #store(details: TokenDetails, now: number): string {
    const seconds = Number(details.expiresIn);
    const ttl = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30 * 60 * 1000;
    this.#access = { token: details.token, expiresAt: now + ttl };
    this.#refresh = { token: details.refreshToken, expiresAt: now + REFRESH_TOKEN_TTL_MS };
    return details.token;
  }
}
