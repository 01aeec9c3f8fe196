// Answers go out together at the end of a turn of the event loop (mock/http/flush.ts): in order, none lost to a
// socket that went away, none held when the answer is in-process, and none held by a test that fakes timers.
import { request } from "node:http";
import { Socket } from "node:net";
import type { ServerResponse } from "node:http";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { isFakeTimer, writeAtTurnEnd } from "../http/flush.ts";
import { startMock, type MockHandle } from "../index.ts";
import { partnerPortalHandlers, VENDOR_BASE_URL } from "../msw.ts";

const TOKEN_BODY = "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret";
const FORM = { "User-Agent": "t", "Content-Type": "application/x-www-form-urlencoded" };

/** A token request through node:http (which keeps no timer of its own on this path). */
function tokenOverHttp(base: string): Promise<{ status: number; code: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/auth/openapi/v1/oauth/token`, { method: "POST", headers: FORM }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { code: string }).code }));
    });
    req.on("error", reject);
    req.end(TOKEN_BODY);
  });
}

function fakeResponse(socket: unknown, destroyed = false): ServerResponse {
  return { socket, destroyed, writableEnded: false, destroy: vi.fn() } as unknown as ServerResponse;
}
const nextTurn = () => new Promise((r) => setImmediate(r));

describe("answers written at the end of the turn", () => {
  it("holds an answer to a TCP connection until the turn ends, then writes the turn's answers in order", async () => {
    const written: number[] = [];
    for (const n of [1, 2, 3]) writeAtTurnEnd(fakeResponse(new Socket()), () => written.push(n));
    expect(written).toEqual([]);
    await nextTurn();
    expect(written).toEqual([1, 2, 3]);
  });

  it("skips an answer whose connection went away and writes the others when one throws", async () => {
    const written: string[] = [];
    const broken = fakeResponse(new Socket());
    writeAtTurnEnd(fakeResponse(new Socket(), true), () => written.push("gone"));
    writeAtTurnEnd(broken, () => {
      throw new Error("write after end");
    });
    writeAtTurnEnd(fakeResponse(new Socket()), () => written.push("kept"));
    await nextTurn();
    expect(written).toEqual(["kept"]);
    expect(broken.destroy).toHaveBeenCalled();
  });

  it("writes an in-process answer (no TCP connection) at once", () => {
    const written: string[] = [];
    writeAtTurnEnd(fakeResponse(undefined), () => written.push("now"));
    expect(written).toEqual(["now"]);
  });

  it("tells Vitest's fake timers (and Jest's) from Node's own", () => {
    expect(isFakeTimer(setImmediate)).toBe(false);
    vi.useFakeTimers({ toFake: ["setImmediate"] });
    try {
      expect(isFakeTimer(setImmediate)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
    expect(isFakeTimer(Object.assign(() => undefined, { _isMockFunction: true }))).toBe(true);
    // node:test's mock.timers (a bound function) and any other stand-in lack the promisified form.
    expect(isFakeTimer(setImmediate.bind(globalThis))).toBe(true);
  });
});

describe("a test that fakes timers after the mock has loaded", () => {
  let mock: MockHandle;
  const msw = setupServer(...partnerPortalHandlers());
  beforeAll(async () => {
    mock = await startMock();
    msw.listen({ onUnhandledRequest: "bypass" });
  });
  afterAll(async () => {
    msw.close();
    await mock.close();
  });
  afterEach(() => vi.useRealTimers());
  const FAKED = ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval", "Date"] as const;

  it("still gets its answers on a port, without advancing the fake clock", { timeout: 10_000 }, async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    const answers = await Promise.all([1, 2, 3].map(() => tokenOverHttp(mock.url)));
    expect(answers).toEqual(Array(3).fill({ status: 200, code: "success" }));
  });

  it("still gets its answers through MSW", { timeout: 10_000 }, async () => {
    vi.useFakeTimers({ toFake: [...FAKED] });
    const r = await fetch(`${VENDOR_BASE_URL}/auth/openapi/v1/oauth/token`, {
      method: "POST",
      headers: FORM,
      body: TOKEN_BODY,
    });
    expect(((await r.json()) as { code: string }).code).toBe("success");
  });
});
