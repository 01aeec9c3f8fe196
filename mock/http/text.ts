// Checks on a body's text that a parser lets through: bytes that are not UTF-8 (a decoder would turn them into
// U+FFFD silently), JSON keys repeated with an equal value (lossless-json refuses only differing ones), and a
// fast exact parse of JSON bodies.
import { isUtf8 } from "node:buffer";
import { isSafeNumber } from "lossless-json";
import { parseJson } from "../../openapi/json.ts";

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8At(buf: Buffer): number {
  if (isUtf8(buf)) return -1;
  for (let i = 0; i < buf.length;) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The second byte's range depends on the first: no overlong forms, no surrogates, nothing past U+10FFFF.
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      const c = buf[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += len;
  }
  return -1;
}

/** What one pass over a JSON body's text found (the text may be malformed: the pass never reads past its end). */
export interface JsonScan {
  /** The first key repeated within one object, with its offset (looked for only when asked). */
  duplicate?: { key: string; at: number };
  /** How many keys the text's objects hold in all, repeated ones included. */
  keys: number;
  /** [start, end) of each integer literal a double cannot hold: quoted, JSON.parse keeps its digits as text. */
  unsafe: number[];
  /** Something only the lossless parser decides exactly (a long fraction or exponent, deep nesting). */
  lossless: boolean;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** Nesting past this goes to the lossless parser, whose answer (a value or "nested too deeply") stays the rule. */
const MAX_FAST_DEPTH = 200;

/**
 * One pass over JSON text: repeated keys (lossless-json refuses only differing ones), the integer literals that
 * need every digit, and whether the fast parse (JSON.parse over the text with those literals quoted) gives
 * exactly what lossless-json's would. It took a tenth of an order's time to parse losslessly.
 */
export function scanJson(text: string, findDuplicates = true): JsonScan {
  const out: JsonScan = { unsafe: [], lossless: false, keys: 0 };
  // Per open container whether it is an object; per open object its keys so far, only when repeats are looked
  // for (small objects: an array is faster than a Set).
  const inObject: boolean[] = [];
  const keysOf: Array<string[] | Set<string>> = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const j = closingQuote(text, i + 1);
      if (expectKey && j < n) {
        out.keys++;
        if (findDuplicates && !out.duplicate) {
          if (!inObject[inObject.length - 1]) return { ...out, lossless: true }; // a key inside an array: malformed
          const key = keyAt(text, i + 1, j);
          if (key === undefined) return { ...out, lossless: true }; // malformed: the parser will say where
          let keys = keysOf[keysOf.length - 1]!;
          if (Array.isArray(keys) ? keys.includes(key) : keys.has(key)) out.duplicate = { key, at: i };
          else {
            if (Array.isArray(keys) && keys.length >= 16) keysOf[keysOf.length - 1] = keys = new Set(keys);
            if (Array.isArray(keys)) keys.push(key);
            else keys.add(key);
          }
        }
      }
      expectKey = false;
      i = j;
    } else if (c === 0x2d || isDigit(c)) {
      let j = i + 1;
      let integer = true;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d)) j++;
        else if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) {
          integer = false;
          j++;
        } else break;
      }
      // Up to 15 characters, a literal is a double exactly as both parsers read it; beyond, it depends.
      if (j - i > 15) {
        // A leading zero (invalid JSON) must stay unquoted, or JSON.parse would take it as a string.
        const first = text.charCodeAt(i) === 0x2d ? i + 1 : i;
        if (!integer || (text.charCodeAt(first) === 0x30 && j - first > 1)) out.lossless = true;
        // 17 digits or more is past 2^53 (lossless-json's test, Number.isSafeInteger, without parsing them).
        else if (j - first > 16 || !isSafeNumber(text.slice(i, j))) out.unsafe.push(i, j);
      } else if (!integer && /[eE]/.test(text.slice(i, j))) out.lossless = true;
      i = j - 1;
    } else if (c === 0x7b) {
      inObject.push(true);
      if (findDuplicates) keysOf.push([]);
      expectKey = true;
      if (inObject.length > MAX_FAST_DEPTH) out.lossless = true;
    } else if (c === 0x5b) {
      inObject.push(false);
      if (inObject.length > MAX_FAST_DEPTH) out.lossless = true;
    } else if (c === 0x7d || c === 0x5d) {
      if (inObject.pop() && findDuplicates) keysOf.pop();
    } else if (c === 0x2c) expectKey = inObject[inObject.length - 1] === true;
  }
  return out;
}

/** The offset of the quote that ends a string starting at `from` (one not escaped by a backslash), or the end. */
function closingQuote(text: string, from: number): number {
  for (let at = from; ;) {
    const q = text.indexOf('"', at);
    if (q < 0) return text.length;
    let b = q - 1;
    while (b >= from && text.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    at = q + 1;
  }
}

/** A key's text between its quotes, its escapes decoded; undefined if they are malformed. */
function keyAt(text: string, from: number, to: number): string | undefined {
  const raw = text.slice(from, to);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/**
 * JSON text parsed as openapi/json.ts's parseJson(text, "string") parses it (safe numbers as numbers, longer
 * integers as their digit strings, the same errors), with JSON.parse doing the work where that is exact.
 * Throws SyntaxError or RangeError as parseJson does, duplicate keys included.
 */
export function parseJsonBody(text: string): unknown {
  // Keys are counted, not compared: JSON.parse keeps one of a repeated key, so its value then holds fewer.
  const scan = scanJson(text, false);
  if (scan.lossless) return withoutDuplicates(text, parseJson(text, "string"));
  let quoted = text;
  if (scan.unsafe.length) {
    quoted = "";
    let from = 0;
    for (let k = 0; k < scan.unsafe.length; k += 2) {
      quoted += `${text.slice(from, scan.unsafe[k])}"${text.slice(scan.unsafe[k], scan.unsafe[k + 1])}"`;
      from = scan.unsafe[k + 1]!;
    }
    quoted += text.slice(from);
  }
  let value: unknown;
  try {
    value = JSON.parse(quoted);
  } catch {
    return parseJson(text, "string"); // malformed: its error, worded as the lossless parser words it
  }
  // A key repeated: the lossless parser's answer first (it refuses differing values itself), then ours.
  return keyCount(value) === scan.keys ? value : withoutDuplicates(text, parseJson(text, "string"));
}

function keyCount(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  if (Array.isArray(value)) for (const item of value) n += keyCount(item);
  else for (const key in value) n += 1 + keyCount((value as Record<string, unknown>)[key]);
  return n;
}

/** A repeated key with equal values passes lossless-json; it is refused all the same, in its words. */
function withoutDuplicates(text: string, value: unknown): unknown {
  const dup = scanJson(text).duplicate;
  if (dup) throw new SyntaxError(`Duplicate key '${dup.key}' encountered at position ${dup.at}`);
  return value;
}
