// Tokens: issued for credentials or a refresh token (rotated), verified on every secured request. What is
// remembered here is memory only and bounded: refresh-token IDs per account, verified access tokens.
import { createHash, timingSafeEqual } from "node:crypto";
import { refuse } from "./errors.ts";
import type { State } from "./state.ts";
import { TokenSigner, accessClaims, refreshClaims, ACCESS_TTL_S, type Claims } from "./tokens.ts";
import type { Account } from "./types.ts";

const MAX_REFRESH_TOKENS = 1000;
const MAX_VERIFIED_TOKENS = 10_000;
const nowS = (ms: number) => Math.floor(ms / 1000);

/** Equal strings, compared in constant time (of their SHA-256), so a secret cannot be guessed by timing. */
export function safeEqual(a: string, b: string): boolean {
  const h = (x: string) => createHash("sha256").update(x).digest();
  return timingSafeEqual(h(a), h(b));
}

export interface TokenPair {
  expiresIn: string;
  refreshToken: string;
  token: string;
  tokenHead: string;
}

/** The end of a token (its signature) that keys what was verified; the whole token is compared. */
const VERIFIED_KEY_CHARS = 24;

export class Sessions {
  /** Valid refresh-token IDs per account; using one removes it (rotation). */
  readonly #refresh = new Map<string, Set<string>>();
  /** Verified access tokens by their last characters (hashing a whole token per request cost more). */
  readonly #verified = new Map<string, { token: string; account: Account; exp: number }>();
  readonly #signer: TokenSigner;

  constructor(
    readonly state: State,
    jwtSecret: string,
    /** The account's test clock, in milliseconds. */
    readonly now: (clientId: string) => number,
  ) {
    this.#signer = new TokenSigner(jwtSecret);
  }

  /** Forget every token (a reset), or one account's (a removal). */
  forget(clientId?: string): void {
    if (clientId === undefined) {
      this.#refresh.clear();
      this.#verified.clear();
    } else this.#refresh.delete(clientId);
  }

  #issue(account: Account): TokenPair {
    const t = nowS(this.now(account.clientId));
    const access = accessClaims(account, t);
    const refresh = refreshClaims(account, t, access.jti);
    let valid = this.#refresh.get(account.clientId);
    if (!valid) this.#refresh.set(account.clientId, (valid = new Set()));
    valid.add(refresh.jti);
    if (valid.size > MAX_REFRESH_TOKENS) valid.delete(valid.values().next().value!);
    return {
      expiresIn: String(ACCESS_TTL_S),
      refreshToken: this.#signer.sign(refresh),
      token: this.#signer.sign(access),
      tokenHead: "Bearer ",
    };
  }

  issueForCredentials(clientId: string, clientSecret: string): TokenPair {
    const account = this.state.accounts.get(clientId);
    // Compared in constant time, and even for an unknown client_id, so timing tells nothing.
    const matches = safeEqual(account?.clientSecret ?? "\0", clientSecret);
    if (!account || !matches)
      refuse("invalid_client", "client_id", "invalid", "unknown client_id or wrong client_secret");
    this.state.touch(clientId);
    return this.#issue(account);
  }

  /** Rotation: the refresh token is spent, a new pair is issued. */
  issueForRefreshToken(token: string): TokenPair {
    const claims = this.#signer.verify(token, "refresh_token", "invalid_grant");
    const account = this.state.accounts.get(claims.client_id);
    if (claims.token_type !== "refresh" || !account)
      refuse("invalid_grant", "refresh_token", "invalid", "is not a refresh token of a known client");
    if (claims.exp <= nowS(this.now(account.clientId)))
      refuse(
        "invalid_grant",
        "refresh_token",
        "expired",
        "has expired (15 days); request a new token with the client credentials",
      );
    if (!this.#refresh.get(account.clientId)?.delete(claims.jti))
      refuse("invalid_grant", "refresh_token", "revoked", "was already used or revoked; use the latest refresh token");
    return this.#issue(account);
  }

  /** The account of a valid access token. Verified tokens are remembered, so the signature is checked once. */
  authenticate(token: string, wellFormed?: (token: string) => void): Account {
    let known = this.#verified.get(token.slice(-VERIFIED_KEY_CHARS));
    // A reset or a replaced account invalidates what was remembered.
    if (!known || known.token !== token || this.state.accounts.get(known.account.clientId) !== known.account) {
      wellFormed?.(token);
      known = this.#verifyAccess(token);
    }
    if (known.exp <= nowS(this.now(known.account.clientId)))
      refuse(
        "token_expired",
        "Authorization",
        "expired",
        "the access token has expired; refresh it or request a new one",
      );
    this.state.touch(known.account.clientId);
    return known.account;
  }

  #verifyAccess(token: string): { token: string; account: Account; exp: number } {
    const claims: Claims = this.#signer.verify(token, "Authorization", "invalid_token");
    const account = this.state.accounts.get(claims.client_id);
    if (claims.token_type !== "openapi" || !account)
      refuse("invalid_token", "Authorization", "invalid", "is not an access token of a known client");
    if (this.#verified.size >= MAX_VERIFIED_TOKENS) this.#verified.clear();
    const entry = { token, account, exp: claims.exp };
    this.#verified.set(token.slice(-VERIFIED_KEY_CHARS), entry);
    return entry;
  }
}
