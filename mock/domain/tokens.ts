// HS256 JWTs with the claim shape of the vendor's sample tokens; 30-minute access, 15-day refresh.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { refuse } from "./errors.ts";
import type { Account } from "./types.ts";

export const ACCESS_TTL_S = 30 * 60;
export const REFRESH_TTL_S = 15 * 24 * 60 * 60;

const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");
const HEADER = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));

export interface Claims {
  client_id: string;
  token_type: "openapi" | "refresh";
  exp: number;
  jti: string;
  [claim: string]: unknown;
}

export class TokenSigner {
  readonly #key: Buffer;
  constructor(secret: string) {
    this.#key = Buffer.from(secret, "utf8");
  }

  sign(claims: Claims): string {
    const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
    return `${body}.${createHmac("sha256", this.#key).update(body).digest("base64url")}`;
  }

  /** The claims of a token this signer issued; refuses malformed and forged ones (not expiry: callers check). */
  verify(token: string, field: string, code: "invalid_token" | "invalid_grant"): Claims {
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== HEADER)
      return refuse(code, field, "malformed", "is not a token issued by this server");
    // The exact text, not its decoded bytes: Node's base64url decoder also takes padding and + and /.
    const expected = Buffer.from(createHmac("sha256", this.#key).update(`${parts[0]}.${parts[1]}`).digest("base64url"));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return refuse(code, field, "signature", "has an invalid signature");
    let claims: Claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8")) as Claims;
    } catch {
      return refuse(code, field, "malformed", "has an unreadable payload");
    }
    if (typeof claims.client_id !== "string" || typeof claims.exp !== "number" || typeof claims.jti !== "string")
      return refuse(code, field, "malformed", "lacks required claims");
    return claims;
  }
}

export const newSecret = () => randomBytes(32).toString("hex");
const newJti = () => randomBytes(15).toString("base64");

/** The vendor's claim set: X-MS-USER is a JSON string, IDs are strings (see the tutorials' sample token). */
export function accessClaims(account: Account, nowS: number): Claims {
  return {
    aud: ["res1"],
    "X-MS-USER": JSON.stringify({
      expr: "0",
      type: "partner",
      ucId: account.ucId,
      userCode: account.userCode,
      userId: account.userId,
      username: account.username,
    }),
    user_name: account.username,
    scope: ["all"],
    exp: nowS + ACCESS_TTL_S,
    token_type: "openapi",
    jti: newJti(),
    authorities: ["79"],
    client_id: account.clientId,
  };
}

export function refreshClaims(account: Account, nowS: number, accessJti: string): Claims {
  return {
    aud: ["res1"],
    user_name: account.username,
    scope: ["all"],
    exp: nowS + REFRESH_TTL_S,
    token_type: "refresh",
    jti: newJti(),
    ati: accessJti,
    client_id: account.clientId,
  };
}
