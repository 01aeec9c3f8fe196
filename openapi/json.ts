// Lossless JSON for 64-bit IDs. JSON.parse rounds integers above 2^53; these functions keep every digit.
import { parse, stringify, isInteger, isSafeNumber } from "lossless-json";

/** What an integer literal too large for a double becomes. */
export type UnsafeIntegerMode = "bigint" | "string";

const asBigint = (s: string): unknown => (isInteger(s) && !isSafeNumber(s) ? BigInt(s) : parseFloat(s));
// A whole number beyond 2^53 written with a fraction or exponent (3197218168379846218.0, 3.2e18) has lost its
// digits to a double: the server keeps its text, which no integer or Int64Id schema accepts.
const asString = (s: string): unknown => {
  if (isInteger(s)) return isSafeNumber(s) ? parseFloat(s) : s;
  const n = parseFloat(s);
  return Number.isInteger(n) && !Number.isSafeInteger(n) ? s : n;
};

/**
 * Parses JSON text. Numbers that fit a double exactly stay numbers; an integer literal that does not becomes a
 * bigint (the client's choice: the caller can tell it came as a number) or its digit string (the server's
 * choice: the spec's Int64Id accepts digit strings, so standard schema validation applies unchanged).
 * Throws SyntaxError on malformed text and on duplicate keys.
 */
export function parseJson(text: string, unsafeIntegers: UnsafeIntegerMode = "bigint"): unknown {
  return parse(text, null, unsafeIntegers === "bigint" ? asBigint : asString);
}

/** Serializes a value; a bigint is written as a bare JSON integer with every digit. */
export function stringifyJson(value: unknown): string {
  const out = stringify(value);
  if (out === undefined) throw new TypeError("value is not serializable as JSON");
  return out;
}

/** An int64 ID as the canonical decimal string, from a bigint, a safe integer or a digit string. */
export function idToString(value: bigint | number | string): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`ID ${value} is not an exact integer; pass it as a bigint or a string`);
    return String(value);
  }
  return value;
}

/**
 * JSON text without insignificant whitespace, otherwise exactly as written (numbers keep every digit, strings
 * and key order are untouched). Assumes well-formed JSON: call it on text that parsed.
 */
export function minifyJson(text: string): string {
  let out = "";
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}
