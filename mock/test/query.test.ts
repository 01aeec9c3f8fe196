// The pipeline's own query parser (a fast path for unescaped queries) must read every query as node:querystring
// does, prototype keys and repeated keys included.
import { parse } from "node:querystring";
import { expect, it } from "vitest";
import { parseSearch } from "../http/pipeline.ts";

const CASES = [
  "",
  "a",
  "a=",
  "=1",
  "a=1&a=2&a=3",
  "a=1&&b=2",
  "&&a=1&",
  "a==b",
  "productId=14&billingCycle=annually",
  "x=%20&y=a+b",
  "__proto__=1&constructor=2&toString=3",
  "a[]=1&a[]=2",
  "a&a=1",
  Array.from({ length: 1200 }, (_, i) => `k${i}=1`).join("&"),
];

it("reads every query as node:querystring does", () => {
  for (const search of CASES) expect({ ...parseSearch(search) }, search.slice(0, 40)).toEqual({ ...parse(search) });
});
