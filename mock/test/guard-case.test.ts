// The control guard holds whatever the spelling of the path: Express mounts /__mock ignoring case, so every
// control path (the control spec's, the page and the live log) is sent in mixed case, percent-encoded and with
// dot segments, from a foreign Host and Origin, with and without a token; each must be refused, none streamed.
import http, { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMock } from "../create.ts";
import { compiledControlSpec } from "../../openapi/compiled.ts";
import { normalisedPath } from "../http/control-guard.ts";

const TOKEN = "c0ntrol-t0ken";
const servers: Server[] = [];
let guarded: number; // started with a control token
let open: number; // no control token: the Host check applies

async function listen(controlToken?: string): Promise<number> {
  const m = await createMock({ quiet: true, ...(controlToken ? { controlToken } : {}) });
  const server = createServer(m.handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}
beforeAll(async () => {
  guarded = await listen(TOKEN);
  open = await listen();
});
afterAll(() => servers.forEach((s) => (s.closeAllConnections(), s.close())));

/** Every control operation as [method, path], path parameters filled in. */
const routes = (): Array<[string, string]> => [
  ...compiledControlSpec().operations.map(
    (op) =>
      [op.method, op.path.replace("{clientId}", "demo-client-id").replace("{orderNo}", "GQ1")] as [string, string],
  ),
  ["GET", "/__mock/ui/"],
  ["GET", "/__mock/ui/index.html"],
];

/** Spellings of a control path that a case-insensitive or decoding router may still route to it. */
const spellings = (path: string) => [
  path.toUpperCase(),
  path.replace("/__mock", "/__Mock"),
  path.replace("/__mock", "/__MOCK").replace(/[a-z]/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c)),
  path.replace("/__mock", "/%5F%5FMock"),
  path.replace("/__mock", "/x/../__MOCK"),
  path.replace("/__mock", "//__mOcK"),
];

interface Seen {
  status: number;
  type: string;
  body: string;
}

/** A raw request (fetch cannot set Host); a streamed answer is cut at once and reported as such. */
function send(port: number, method: string, path: string, headers: Record<string, string>): Promise<Seen> {
  const body = method === "GET" ? undefined : "{}";
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          ...headers,
          ...(body ? { "Content-Type": "application/json", "Content-Length": "2" } : {}),
        },
      },
      (res) => {
        const type = String(res.headers["content-type"] ?? "");
        if (type.startsWith("text/event-stream")) {
          res.destroy();
          return resolve({ status: res.statusCode!, type, body: "(streamed)" });
        }
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode!, type, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function expectRefused(seen: Seen, what: string, codes: string[]): void {
  expect(seen.type, what).toMatch(/^application\/json/);
  expect([401, 403], `${what}: ${seen.status} ${seen.body.slice(0, 120)}`).toContain(seen.status);
  expect(codes, what).toContain((JSON.parse(seen.body) as { code: string }).code);
}

describe("the control guard ignores the case and spelling of the path", () => {
  it("normalises paths as a router might: case, escapes, dot segments, duplicate slashes", () => {
    expect(normalisedPath("/%5F%5FMock/EVENTS?x=1")).toBe("/__mock/events");
    expect(normalisedPath("//a/./b/../__MOCK//ui/")).toBe("/a/__mock/ui");
    expect(normalisedPath("/%255F%255Fmock/ui")).toBe("/__mock/ui");
  });

  it("GET /__MOCK/events and /__Mock/ui/ from Host evil.example without a token: refused, not streamed or served", async () => {
    for (const path of ["/__MOCK/events", "/__Mock/events", "/__Mock/ui/"]) {
      const seen = await send(guarded, "GET", path, { Host: "evil.example" });
      expect(seen.body, path).not.toBe("(streamed)");
      expectRefused(seen, path, ["unauthorized"]);
    }
  });

  it("refuses every control path in mixed case from a foreign Host and Origin without a token (401)", async () => {
    let sent = 0;
    for (const [method, path] of routes())
      for (const spelled of spellings(path)) {
        const what = `${method} ${spelled}`;
        const seen = await send(guarded, method, spelled, {
          Host: "evil.example",
          Origin: "http://evil.example",
        });
        expectRefused(seen, what, ["unauthorized"]);
        sent++;
      }
    expect(sent).toBeGreaterThanOrEqual(15 * 6);
  });

  it("refuses them with a token too when the Origin is foreign, or the token wrong (403 or 401)", async () => {
    for (const [method, path] of routes())
      for (const spelled of spellings(path)) {
        const what = `${method} ${spelled}`;
        const foreign = { Host: "evil.example", Origin: "http://other.example" };
        expectRefused(await send(guarded, method, spelled, { ...foreign, "X-Mock-Control-Token": TOKEN }), what, [
          "forbidden",
        ]);
        expectRefused(
          await send(guarded, method, `${spelled}${spelled.includes("?") ? "&" : "?"}token=wrong`, foreign),
          what,
          ["unauthorized"],
        );
      }
  });

  it("without a control token, refuses them from a foreign Host (DNS rebinding: 403), token or not", async () => {
    for (const [method, path] of routes())
      for (const spelled of spellings(path)) {
        const what = `${method} ${spelled}`;
        const foreign = { Host: "evil.example", Origin: "http://evil.example" };
        expectRefused(await send(open, method, spelled, foreign), what, ["forbidden"]);
        expectRefused(await send(open, method, spelled, { ...foreign, "X-Mock-Control-Token": TOKEN }), what, [
          "forbidden",
        ]);
      }
  });

  it("still serves the page and the live log to the mock's own address", async () => {
    const page = await send(open, "GET", "/__mock/ui/", { Host: `127.0.0.1:${open}` });
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    const events = await send(open, "GET", "/__mock/events", { Host: `127.0.0.1:${open}` });
    expect(events.body).toBe("(streamed)");
  });
});
