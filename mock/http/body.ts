// Request bodies: checked against the operation's media types, parsed without losing a digit.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Operation } from "../../openapi/operations.ts";
import { parseMultipart } from "./multipart.ts";
import { invalidUtf8At, parseJsonBody } from "./text.ts";
import type { ErrorCode } from "./codes.ts";

export type BodyResult =
  | { ok: true; value: unknown; text: string; type: string }
  | { ok: false; code: ErrorCode; field: string; tag: string; reason: string };

const bad = (code: ErrorCode, tag: string, reason: string): BodyResult => ({
  ok: false,
  code,
  field: "body",
  tag,
  reason,
});

/** The media type without parameters, lower case ("application/json; charset=utf-8" -> "application/json"). */
function mediaType(header: string | undefined): string {
  if (header === undefined) return "";
  const semi = header.indexOf(";");
  return (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
}

/** Picks the operation's declared media type for a request's Content-Type (+json suffixes count as JSON). */
function matchMediaType(op: Operation, header: string | undefined): string | undefined {
  const type = mediaType(header);
  if (op.bodies.has(type)) return type;
  if (/^application\/[\w.-]+\+json$/.test(type) && op.bodies.has("application/json")) return "application/json";
  return undefined;
}

/** Percent escapes that decode to bytes that are not UTF-8 (URLSearchParams would make them U+FFFD). */
function notUtf8Escapes(text: string): BodyResult | undefined {
  let at = 0;
  for (const piece of text.split("&")) {
    // Malformed escapes (%zz) are kept as text by URLSearchParams, so only well-formed ones are decoded here.
    if (piece.includes("%") && !/%(?![0-9a-f]{2})/i.test(piece))
      try {
        decodeURIComponent(piece);
      } catch {
        return bad(
          "parameter_validation_failed",
          "encoding",
          `is not valid UTF-8 once percent-decoded (the field at byte ${at})`,
        );
      }
    at += Buffer.byteLength(piece) + 1;
  }
  return undefined;
}

/** A form's fields; a field sent twice is refused (which one would count is anyone's guess). */
function parseForm(type: string, header: string, raw: Buffer): BodyResult {
  const text = raw.toString("utf8");
  const escapes = type === "application/x-www-form-urlencoded" ? notUtf8Escapes(text) : undefined;
  if (escapes) return escapes;
  const entries =
    type === "application/x-www-form-urlencoded" ? [...new URLSearchParams(text)] : parseMultipart(header, raw);
  const seen = new Set<string>();
  for (const [name] of entries) {
    if (seen.has(name))
      return { ok: false, code: "parameter_validation_failed", field: name, tag: "duplicate", reason: "is sent twice" };
    seen.add(name);
  }
  // fromEntries defines own properties: a field named __proto__ stays a field (and is refused as unknown).
  return { ok: true, value: Object.fromEntries(entries), text, type };
}

/** Bytes that are not UTF-8 are refused, not turned into U+FFFD. */
function notUtf8(raw: Buffer, code: ErrorCode): BodyResult | undefined {
  const at = invalidUtf8At(raw);
  return at < 0 ? undefined : bad(code, "encoding", `is not valid UTF-8 (byte ${at} is not part of a UTF-8 character)`);
}

/**
 * Buffers a request body up to `limit` bytes. A declared or actual size over the limit is refused at once (and
 * the connection closed after the answer, so the rest is not read); compressed bodies are not accepted.
 */
function readRaw(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<BodyResult | { ok: true; raw: Buffer | undefined }> {
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding !== "identity")
    return Promise.resolve(
      bad(
        "unsupported_media_type",
        "content_encoding",
        `Content-Encoding ${encoding} is not accepted; send the body uncompressed`,
      ),
    );
  const declared = req.headers["content-length"];
  const tooLarge = () => {
    res.setHeader("Connection", "close");
    return bad("request_entity_too_large", "too_large", `exceeds the limit of ${limit} bytes`);
  };
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(tooLarge());
  if (declared === undefined && req.headers["transfer-encoding"] === undefined)
    return Promise.resolve({ ok: true, raw: undefined });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: BodyResult | { ok: true; raw: Buffer | undefined }) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        done(tooLarge());
      } else chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, raw: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    const onError = () => done(bad("invalid_json", "aborted", "was cut off before its end"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}

/** Reads and parses the body an operation takes: size and encoding first, then media type and syntax. */
export async function readBody(
  op: Operation,
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<BodyResult> {
  const read = await readRaw(req, res, limit);
  if (!read.ok) return read;
  const raw = "raw" in read ? read.raw : undefined;
  const header = req.headers["content-type"];
  const type = matchMediaType(op, header);
  if (!type) {
    const accepted = [...op.bodies.keys()].join(" or ");
    return bad(
      "unsupported_media_type",
      "content_type",
      `Content-Type must be ${accepted}, got ${header ? JSON.stringify(header) : "none"}`,
    );
  }
  if (type === "application/json") {
    if (!raw || raw.length === 0) return bad("invalid_json", "empty", "is empty; send a JSON object");
    const encoding = notUtf8(raw, "invalid_json");
    if (encoding) return encoding;
    const text = raw.toString("utf8");
    let value: unknown;
    try {
      value = parseJsonBody(text);
    } catch (err) {
      // Malformed, truncated, duplicate keys, or nested beyond the parser's stack.
      const why = err instanceof RangeError ? "is nested too deeply" : `is not valid JSON (${(err as Error).message})`;
      return bad("invalid_json", "syntax", why);
    }
    return { ok: true, value, text, type };
  }
  // An empty form is a form without fields: the schema then names the first one missing (grant_type).
  if (!raw || raw.length === 0) return { ok: true, value: {}, text: "", type };
  const encoding = notUtf8(raw, "parameter_validation_failed");
  if (encoding) return encoding;
  try {
    return parseForm(type, header!, raw);
  } catch (err) {
    return bad("parameter_validation_failed", "syntax", `is not a valid ${type} body (${(err as Error).message})`);
  }
}
