// The JSON of an answer's result, exactly as JSON.stringify makes it, with what never changes made once:
// unchanging results (catalog, contacts, subordinates, views) and pages of unchanging views.

/** A result's JSON; `ascii` when it is known to hold only ASCII (then its length is its byte count). */
export interface ResultText {
  text: string;
  ascii: boolean;
  /** Its bytes, kept with a text made once and sent again and again (see bytesOf). */
  bytes?: Buffer;
}

const NON_ASCII = /[^\x00-\x7f]/;
const made = (text: string): ResultText => ({ text, ascii: !NON_ASCII.test(text), bytes: undefined });
// A text made for one answer: whether it is ASCII is not measured (it would cost what it saves), so it is never
// taken for ASCII and never keeps bytes.
const madeNow = (text: string): ResultText => ({ text, ascii: false, bytes: undefined });

/** Below this, joining and encoding a text per answer costs less than writing it in three pieces. */
const BYTES_FROM = 2048;

/** The bytes of a long ASCII text made once (only those are known ASCII), encoded on first use and kept. */
export function bytesOf(result: ResultText): Buffer | undefined {
  if (!result.ascii || result.text.length < BYTES_FROM) return undefined;
  return (result.bytes ??= Buffer.from(result.text, "latin1"));
}

const immutable = new WeakSet<object>();
const serialized = new WeakMap<object, ResultText>();

/** Marks a result as never changing, so its JSON can be reused across answers. */
export function unchanging<T extends object>(result: T): T {
  immutable.add(result);
  return result;
}

/**
 * Marks a page, a new object on every answer: a symbol key (which JSON.stringify and for-in skip) where a WeakSet
 * would take one more entry per answer for the collector to clear.
 */
const PAGE = Symbol("page of unchanging views");

/**
 * Marks a page whose items are views that never change (the domain hands out the same view object for as long
 * as it holds): each item's JSON is made once and spliced into every page that lists it.
 */
export function pageOfUnchanging<T extends { results: object[] }>(page: T): T {
  (page as T & { [PAGE]?: true })[PAGE] = true;
  return page;
}

function once(value: object): ResultText {
  let known = serialized.get(value);
  if (known === undefined) serialized.set(value, (known = made(JSON.stringify(value))));
  return known;
}

type Page = Record<string, unknown> & { results: object[] };

/**
 * The last text made for a page, keyed by its first item: asked again with the same items and the same fields
 * (a client polling page 1), it is the same text, found by comparing references instead of splicing again.
 */
const pageTexts = new WeakMap<object, { page: Page; keys: number; text: ResultText }>();

function samePage(known: { page: Page; keys: number }, page: Page): boolean {
  let keys = 0;
  for (const key in page) {
    keys++;
    if (key !== "results" && known.page[key] !== page[key]) return false;
  }
  const a = known.page.results;
  const b = page.results;
  if (keys !== known.keys || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pageText(page: Page): ResultText {
  const first = page.results[0];
  const known = first && pageTexts.get(first);
  if (known && samePage(known, page)) return known.text;
  let out = "";
  let keys = 0;
  for (const [key, value] of Object.entries(page)) {
    keys++;
    if (value === undefined) continue;
    const json =
      key === "results"
        ? `[${(value as object[]).map((item) => once(item).text).join(",")}]`
        : JSON.stringify(value as unknown);
    out += `${out ? "," : ""}${JSON.stringify(key)}:${json}`;
  }
  const text = made(`{${out}}`);
  if (first) pageTexts.set(first, { page, keys, text });
  return text;
}

/** JSON.stringify(result) ("null" for undefined), with the JSON of unchanging parts made once. */
export function resultText(result: unknown): ResultText {
  if (result === null || typeof result !== "object") return madeNow(JSON.stringify(result) ?? "null");
  if (immutable.has(result)) return once(result);
  if ((result as { [PAGE]?: true })[PAGE]) return pageText(result as Page);
  return madeNow(JSON.stringify(result));
}
