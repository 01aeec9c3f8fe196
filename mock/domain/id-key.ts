// Keys for the state's index maps: IDs as small integers where that is exact (see idKey).
export type IdKey = string | number;

/** Long IDs' prefixes (all but their last six characters), numbered as first seen; never forgotten, so an ID
 * always gets the same key, and bounded: past MAX_PREFIXES, IDs of a new prefix stay text (the mock's order
 * numbers step by 7,919, so about 135,000 orders after a start; productNos step by 1, for 10^9). */
const prefixes = new Map<string, number>();
const MAX_PREFIXES = 1000;
/** The prefixes found last (order numbers and productNos alternate): compared in place, an ID's prefix is
 * neither cut out nor hashed. */
const RECENT = 4;
const recent: Array<{ text: string; number: number }> = [];
let oldest = 0;

function recentPrefix(id: string, length: number): number | undefined {
  for (const r of recent) if (r.text.length === length && id.startsWith(r.text)) return r.number;
  return undefined;
}

function remember(text: string, number: number): void {
  if (recent.length < RECENT) recent.push({ text, number });
  else recent[(oldest = (oldest + 1) % RECENT)] = { text, number };
}

/**
 * An ID as a small integer where that is exact, else its text: a map finds a small integer without reading a
 * string (in a map of 100,000 orders, a string key cost about four times as much to find and insert).
 * - a decimal of up to nine digits, without a leading zero: its value (0 and up);
 * - a longer ID ending in six digits (a productNo, GQ... order numbers): its prefix's number and those digits,
 *   as a negative integer, so the two kinds never meet;
 * - anything else: its text. Distinct IDs always get distinct keys. Only `adding` (a store, not a lookup)
 *   numbers a new prefix, so lookups of made-up IDs cannot use up the numbers.
 */
export function idKey(id: string, adding = false): IdKey {
  const n = id.length;
  if (n <= 9) {
    if (n === 0 || (n > 1 && id.charCodeAt(0) === 0x30)) return id;
    const v = decimal(id, 0);
    return v < 0 ? id : v;
  }
  const low = decimal(id, n - 6);
  if (low < 0) return id;
  let p = recentPrefix(id, n - 6);
  if (p === undefined) {
    const prefix = id.slice(0, n - 6);
    p = prefixes.get(prefix);
    if (p !== undefined) remember(prefix, p);
  }
  if (p === undefined) {
    // A lookup never numbers a prefix: an ID of a prefix not numbered was stored as its text, if at all.
    if (!adding || prefixes.size >= MAX_PREFIXES) return id;
    const prefix = id.slice(0, n - 6);
    prefixes.set(prefix, (p = prefixes.size));
    remember(prefix, p);
  }
  return -1 - (p * 1_000_000 + low);
}

/** The value of the digits from `from` to the end (at most nine), or -1 if any is not a digit. */
function decimal(id: string, from: number): number {
  let v = 0;
  for (let i = from; i < id.length; i++) {
    const d = id.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}
