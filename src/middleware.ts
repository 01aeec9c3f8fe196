// openapi-fetch middleware: lossless body parsing, and the bearer token with one retry on 401.
import type { Middleware } from "openapi-fetch";
import { parseJson } from "../openapi/json.ts";

interface ParsedBody {
  text: string;
  /** The lossless parse, or undefined when the text is not JSON. */
  json: unknown;
}

// openapi-fetch parses with JSON.parse, which rounds 64-bit IDs; we keep our own parse per Response.
const parsedBodies = new WeakMap<Response, ParsedBody>();

/** The body of a response that went through `losslessJson`, parsed without rounding. */
export function parsedBody(response: Response): ParsedBody | undefined {
  return parsedBodies.get(response);
}

export const losslessJson: Middleware = {
  async onResponse({ response }) {
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? parseJson(text, "bigint") : undefined;
    } catch {
      json = undefined;
    }
    const nullBody = response.status === 204 || response.status === 304 || !text;
    const copy = new Response(nullBody ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    parsedBodies.set(copy, { text, json });
    return copy;
  },
};

export interface TokenSource {
  /** A valid access token, fetched or refreshed as needed. */
  accessToken(): Promise<string>;
  /** Forget the current access token (the server refused it). */
  invalidate(token: string): void;
}

const RETRYABLE_AUTH = new Set(["unauthorized", "invalid_token", "token_expired"]);

/** Sends User-Agent and the bearer token; on a 401 for the token, gets a new one and retries once. */
export function bearerAuth(tokens: TokenSource, userAgent: string): Middleware {
  const pending = new Map<string, { retry: Request; token: string }>();
  return {
    async onRequest({ request, id }) {
      const token = await tokens.accessToken();
      request.headers.set("User-Agent", userAgent);
      request.headers.set("Authorization", `Bearer ${token}`);
      pending.set(id, { retry: request.clone(), token });
      return request;
    },
    async onResponse({ response, id, options }) {
      const sent = pending.get(id);
      pending.delete(id);
      // A token error comes as HTTP 401, or as HTTP 200 with the code in the envelope (the vendor documents only
      // 200 answers): the code decides, whatever the HTTP status.
      if (!sent || (response.status !== 401 && response.status !== 200)) return undefined;
      const text = await response.clone().text();
      let code = "";
      try {
        code = String((parseJson(text) as { code?: unknown }).code ?? "");
      } catch {
        /* not JSON: not a token problem we can fix */
      }
      if (!RETRYABLE_AUTH.has(code)) return undefined;
      tokens.invalidate(sent.token);
      const fresh = await tokens.accessToken();
      sent.retry.headers.set("Authorization", `Bearer ${fresh}`);
      return options.fetch(sent.retry);
    },
    onError({ id }) {
      pending.delete(id);
    },
  };
}
