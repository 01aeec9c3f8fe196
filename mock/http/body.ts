// Request bodies: checked against the operation's media types, parsed without losing a digit.
import { parseJson } from "../../src/json.ts";
import type { Operation } from "../../openapi/operations.ts";

export type BodyResult =
  | { ok: true; value: unknown; text: string }
  | { ok: false; status: number; code: string; field: string; tag: string; reason: string };

const bad = (status: number, code: string, tag: string, reason: string): BodyResult => ({
  ok: false,
  status,
  code,
  field: "body",
  tag,
  reason,
});

/** The media type without parameters, lower case ("application/json; charset=utf-8" -> "application/json"). */
export function mediaType(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Picks the operation's declared media type for a request's Content-Type (+json suffixes count as JSON). */
export function matchMediaType(op: Operation, header: string | undefined): string | undefined {
  const type = mediaType(header);
  if (op.bodies.has(type)) return type;
  if (/^application\/[\w.-]+\+json$/.test(type) && op.bodies.has("application/json")) return "application/json";
  return undefined;
}

async function parseForm(type: string, header: string, raw: Buffer): Promise<Record<string, string>> {
  if (type === "application/x-www-form-urlencoded")
    return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
  // Multipart: the platform's own parser (undici) reads the parts.
  const form = await new Request("http://local/", {
    method: "POST",
    headers: { "content-type": header },
    body: new Uint8Array(raw),
  }).formData();
  const out: Record<string, string> = {};
  for (const [k, v] of form) out[k] = typeof v === "string" ? v : await v.text();
  return out;
}

/** Reads the body an operation takes. `raw` is the buffered body, or undefined when there was none. */
export async function readBody(
  op: Operation,
  header: string | undefined,
  raw: Buffer | undefined,
): Promise<BodyResult> {
  const type = matchMediaType(op, header);
  if (!type) {
    const accepted = [...op.bodies.keys()].join(" or ");
    return bad(
      415,
      "unsupported_media_type",
      "content_type",
      `Content-Type must be ${accepted}, got ${header ? JSON.stringify(header) : "none"}`,
    );
  }
  if (!raw || raw.length === 0) return bad(400, "invalid_json", "empty", "is empty; send a JSON object");
  if (type === "application/json") {
    const text = raw.toString("utf8");
    try {
      return { ok: true, value: parseJson(text, "string"), text };
    } catch (err) {
      // Malformed, truncated, duplicate keys, or nested beyond the parser's stack.
      const why = err instanceof RangeError ? "is nested too deeply" : `is not valid JSON (${(err as Error).message})`;
      return bad(400, "invalid_json", "syntax", why);
    }
  }
  try {
    return { ok: true, value: await parseForm(type, header!, raw), text: "" };
  } catch {
    return bad(400, "parameter_validation_failed", "syntax", `is not a valid ${type} body`);
  }
}
