// Test helpers: an in-process strict mock, tokens, and requests whose bodies are read losslessly.
import request from "supertest";
import { expect } from "vitest";
import { parseJson } from "../../openapi/json.ts";
import { createMock, DEMO_CREDENTIALS } from "../create.ts";
import type { MockApp } from "../app.ts";

export const UA = "OpenAPI";
export const ORDER = "/order/openapi/order/v1/save";
export const TOKEN = "/auth/openapi/v1/oauth/token";

export interface Answer {
  status: number;
  text: string;
  /** The body parsed without rounding (unsafe integers as bigint). */
  body: { code: string; detailMessage: string; requestId: string; result: any; status: number };
}

const answer = (r: request.Response): Answer => ({
  status: r.status,
  text: r.text,
  body: r.text ? (parseJson(r.text) as Answer["body"]) : (undefined as never),
});

export class Harness {
  constructor(
    readonly mock: MockApp,
    public creds = DEMO_CREDENTIALS,
  ) {}

  static async create(options: Parameters<typeof createMock>[0] = {}): Promise<Harness> {
    return new Harness(await createMock({ strict: true, quiet: true, ...options }));
  }

  get handler() {
    return this.mock.handler;
  }

  async token(creds = this.creds): Promise<string> {
    const r = await request(this.handler)
      .post(TOKEN)
      .set("User-Agent", UA)
      .type("form")
      .send({ grant_type: "pp_credentials", client_id: creds.clientId, client_secret: creds.clientSecret });
    expect(r.status, r.text).toBe(200);
    return (parseJson(r.text) as Answer["body"]).result.token as string;
  }

  async get(path: string, token?: string): Promise<Answer> {
    const req = request(this.handler).get(path).set("User-Agent", UA);
    if (token !== undefined) req.set("Authorization", `Bearer ${token}`);
    return answer(await req);
  }

  /** POSTs raw JSON text (so bare 19-digit numbers reach the server untouched). */
  async post(path: string, text: string, token?: string, contentType = "application/json"): Promise<Answer> {
    const req = request(this.handler).post(path).set("User-Agent", UA).set("Content-Type", contentType);
    if (token !== undefined) req.set("Authorization", `Bearer ${token}`);
    return answer(await req.send(text));
  }

  async order(text: string, token?: string): Promise<Answer> {
    return this.post(ORDER, text, token ?? (await this.token()));
  }

  /** A fresh isolated account through the control API; this harness then speaks as it. */
  async isolate(): Promise<this> {
    const r = answer(await request(this.handler).post("/__mock/accounts").send({}));
    expect(r.status).toBe(200);
    this.creds = { clientId: r.body.result.clientId, clientSecret: r.body.result.clientSecret };
    return this;
  }

  /** Moves this account's clock forward through the control API. */
  async advance(seconds: number): Promise<void> {
    const r = await request(this.handler)
      .post(`/__mock/accounts/${this.creds.clientId}/clock/advance`)
      .send({ seconds });
    expect(r.status, r.text).toBe(200);
  }

  /** What an order can change, to prove a refused one changed nothing. */
  snapshot(clientId = this.creds.clientId): string {
    const a = this.mock.service.account(clientId)!;
    return JSON.stringify({
      instances: a.instances,
      orders: a.orders,
      trials: a.trialsUsed,
      ids: this.mock.service.ids.toJSON(),
    });
  }
}

export function expectEnvelopeError(a: Answer, status: number, code: string, field?: string): void {
  expect(a.status, a.text).toBe(status);
  expect(a.body.status).toBe(status);
  expect(a.body.code).toBe(code);
  expect(a.body.requestId).toMatch(/^[0-9a-f]{32}$/);
  expect(a.body.detailMessage.length).toBeGreaterThan(0);
  if (field !== undefined) {
    expect(a.body.result.field).toBe(field);
    expect(a.body.detailMessage.startsWith(`${field}: `), a.body.detailMessage).toBe(true);
  }
}
