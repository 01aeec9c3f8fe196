// Handlers typed by the spec: for each operation of a generated `operations` type, the handler takes that
// operation's path, query and body and must return its success result. A handler returning the wrong shape
// fails tsc. (The pipeline validates requests first, so at run time the values are what the types say, except
// that an Int64Id arrives as a safe number or a digit string, never a bigint.)
import type { Account } from "../domain/types.ts";

type Json200<Op> = Op extends { responses: { 200: { content: { "application/json": infer R } } } } ? R : never;
export type ResultOf<Op> = NonNullable<Json200<Op> extends { result?: infer X } ? X : never>;
type BodyOf<Op> = Op extends { requestBody?: { content: infer C } } ? C[keyof C] : undefined;
type PartOf<Op, K extends "query" | "path"> = Op extends { parameters: { [P in K]?: infer Q } }
  ? [Q] extends [never | undefined]
    ? Record<string, never>
    : NonNullable<Q>
  : Record<string, never>;

export interface TypedCall<Op> {
  /** The authenticated account (secured operations only). */
  account?: Account;
  query: PartOf<Op, "query">;
  params: PartOf<Op, "path">;
  body: BodyOf<Op>;
  /** The body exactly as received (JSON bodies only). */
  bodyText: string;
}

export type TypedHandlers<Ops> = {
  [K in keyof Ops]: (call: TypedCall<Ops[K]>) => ResultOf<Ops[K]> | Promise<ResultOf<Ops[K]>>;
};
