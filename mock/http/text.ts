// Checks on a body's text that a parser lets through: bytes that are not UTF-8 (a decoder would turn them into
// U+FFFD silently) and JSON keys repeated with an equal value (lossless-json refuses only differing ones).
import { isUtf8 } from "node:buffer";

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

/** The first key repeated within one object of (already well-formed) JSON text, with its offset. */
export function duplicateKey(text: string): { key: string; at: number } | undefined {
  // Per open object its keys so far (small objects: an array is faster than a Set); undefined for an array.
  const objects: Array<string[] | Set<string> | undefined> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      for (let d = text.charCodeAt(j); d !== 0x22; d = text.charCodeAt(j)) {
        if (d === 0x5c) {
          escaped = true;
          j++;
        }
        j++;
      }
      if (expectKey) {
        const raw = text.slice(i + 1, j);
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        let keys = objects[objects.length - 1]!;
        if (Array.isArray(keys) ? keys.includes(key) : keys.has(key)) return { key, at: i };
        if (Array.isArray(keys) && keys.length >= 16) objects[objects.length - 1] = keys = new Set(keys);
        if (Array.isArray(keys)) keys.push(key);
        else keys.add(key);
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b) {
      objects.push([]);
      expectKey = true;
    } else if (c === 0x5b) objects.push(undefined);
    else if (c === 0x7d || c === 0x5d) objects.pop();
    else if (c === 0x2c) expectKey = objects[objects.length - 1] !== undefined;
  }
  return undefined;
}
