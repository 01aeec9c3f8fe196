// The body parser takes JSON.parse's fast road where that is exact; it must answer every text exactly as the
// lossless parser (openapi/json.ts, "string" mode) does: the same value, or the same error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "../../openapi/json.ts";
import { parseJsonBody } from "../http/text.ts";

type Outcome = { value: unknown } | { error: string; kind: string };
const outcome = (parse: () => unknown): Outcome => {
  try {
    return { value: parse() };
  } catch (err) {
    return { error: (err as Error).message, kind: (err as Error).constructor.name };
  }
};
const same = (text: string) => {
  expect(
    outcome(() => parseJsonBody(text)),
    text.slice(0, 120),
  ).toEqual(outcome(() => parseJson(text, "string")));
};

// Values with 64-bit integers, long fractions and exponents, as a client may send them.
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.constantFrom(3197218168379846218n, 9007199254740993n, 9007199254740991, 1e300, -0, 0.1, 3.2e18),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    number,
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", 'a"b')), tie("value"), {
    maxKeys: 4,
  }),
}));

describe("the fast JSON body parser", () => {
  it("agrees with the lossless parser on well-formed bodies", () => {
    fc.assert(
      fc.property(value, (v) => same(stringifyJson(v))),
      { numRuns: 2000 },
    );
  });

  it("agrees on cut, spliced and respaced texts (errors worded alike)", () => {
    const mutated = fc.tuple(value, fc.nat(), fc.string({ maxLength: 3 }), fc.boolean()).map(([v, at, junk, cut]) => {
      const text = stringifyJson(v);
      const k = at % (text.length + 1);
      return cut ? text.slice(0, k) : text.slice(0, k) + junk + text.slice(k);
    });
    fc.assert(fc.property(mutated, same), { numRuns: 3000 });
  });

  it("agrees at the edges of its short cuts: 16 and 17 digits about 2^53, backslashes before a quote", () => {
    for (const n of [
      "9007199254740991",
      "9007199254740992",
      "9999999999999999",
      "10000000000000000",
      "99999999999999999",
    ])
      for (const signed of [n, `-${n}`]) same(`{"a":${signed},"b":[${signed}]}`);
    for (const s of ['"\\\\"', '"\\""', '"a\\\\\\"b"', '"\\\\\\\\"', '"\\"'])
      for (const text of [`{${s}:1,"k":2}`, `{"k":${s},"k":1}`, `[${s},12345678901234567890]`]) same(text);
  });

  it("agrees on the cases that take the long road or are refused", () => {
    for (const text of [
      '{"a":1,"a":2}',
      "[" + "[".repeat(300) + "]".repeat(300) + "]",
      "[".repeat(20000) + "]".repeat(20000),
      '{"x":1e400,"y":3.2e18,"z":3197218168379846218.0,"w":-3197218168379846218}',
      '{"n":12345678901234567890123}',
      '{"s":"unterminated',
      '"\\',
      "00012",
      "-",
      '{"billingId":3197218168379846218, "quantity" : 50 }',
      // Leading zeros are not JSON, however long: quoted, JSON.parse would have taken them as strings.
      '{"a":012345678901234567890}',
      '{"a":-03197218168379846218}',
      '{"a":00000000000000001}',
      "[0123456789012345]",
      '{"a":0,"b":-0,"c":10000000000000000000}',
    ])
      same(text);
  });

  it("refuses every repeated key, equal values or not, nested or not, where the lossless parser would", () => {
    const pair = fc.tuple(
      fc.constantFrom("a", "b", "__proto__", "a\\u0062"),
      fc.constantFrom("1", "1", "2", '"x"', "{}"),
    );
    const body = fc.tuple(fc.array(pair, { minLength: 1, maxLength: 5 }), fc.boolean()).map(([pairs, nested]) => {
      const prefix = nested ? '{"outer":[' : "";
      let text = `${prefix}{`;
      const seen = new Set<string>();
      let first: { key: string; at: number } | undefined;
      for (const [i, [key, v]] of pairs.entries()) {
        if (i) text += ",";
        const name = JSON.parse(`"${key}"`) as string;
        if (seen.has(name)) first ??= { key: name, at: text.length };
        seen.add(name);
        text += `"${key}":${v}`;
      }
      return { text: `${text}}${nested ? "]}" : ""}`, first };
    });
    fc.assert(
      fc.property(body, ({ text, first }) => {
        const lossless = outcome(() => parseJson(text, "string"));
        const expected =
          "error" in lossless || !first
            ? lossless
            : { error: `Duplicate key '${first.key}' encountered at position ${first.at}`, kind: "SyntaxError" };
        expect(
          outcome(() => parseJsonBody(text)),
          text,
        ).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a key repeated with an equal value, which the lossless parser lets through", () => {
    for (const [text, key, at] of [
      ['{"a":1,"a":1}', "a", 7],
      ['{"a":{"b":1,"b":1}}', "b", 12],
      ['{"a\\u0062":1,"ab":1}', "ab", 13],
    ] as const) {
      expect(() => parseJsonBody(text)).toThrow(
        new SyntaxError(`Duplicate key '${key}' encountered at position ${at}`),
      );
      expect(() => parseJson(text, "string")).not.toThrow();
    }
  });
});
