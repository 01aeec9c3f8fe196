// The control page and /docs in a real browser (Debian's chromium, driven by playwright-core). Runs when
// /usr/bin/chromium exists (.ci/run installs it) and says so loudly when it does not.
import { existsSync, mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRoot } from "../../openapi/root.ts";
import { createMock } from "../create.ts";
import type { MockApp } from "../app.ts";
import { tutorialExamples } from "../../openapi/tutorials.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
if (!present)
  console.warn(
    `\n${"!".repeat(78)}\n!! BROWSER TESTS SKIPPED: no chromium at ${CHROMIUM}.\n!! Install it (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH.\n${"!".repeat(78)}\n`,
  );

const SHOTS = fromRoot("reports", "screenshots");
let mock: MockApp;
let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const outside: string[] = [];
const missing: string[] = [];

describe.skipIf(!present)("control page and API reference in chromium", () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    mock = await createMock({ quiet: true, strict: true });
    server = createServer(mock.handler).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on("request", (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith("data:")) outside.push(r.url());
    });
    page.on("response", (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function order(text: string) {
    const t = await fetch(`${base}/auth/openapi/v1/oauth/token`, {
      method: "POST",
      headers: { "User-Agent": "ui-test", "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=pp_credentials&client_id=demo-client-id&client_secret=demo-client-secret",
    });
    const token = ((await t.json()) as { result: { token: string } }).result.token;
    const r = await fetch(`${base}/order/openapi/order/v1/save`, {
      method: "POST",
      headers: { "User-Agent": "ui-test", Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: text,
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { result: { orderNo: string } }).result;
  }

  it("shows the demo account: contacts, subordinates and instances, with exact IDs", async () => {
    await page.goto(`${base}/__mock/ui/`);
    await page.getByText("3197218168379846219").first().waitFor();
    await expect.poll(() => page.locator("#contacts").innerText()).toContain("3197218168379846218");
    await expect.poll(() => page.locator("#subordinates").innerText()).toContain("3076913644915998721");
    await expect.poll(() => page.locator("#instances").innerText()).toContain("1948832");
    await expect.poll(() => page.locator("#instances").innerText()).toContain("3048941892189077504");
    // Names beside the IDs: plan and services from the catalog, the owner by company (or "you").
    const instances = await page.locator("#instances").innerText();
    expect(instances).toContain("P-Series Turnkey Package 3048941892189077504");
    expect(instances).toContain("Ultimate Plan 3049032137219817472");
    expect(instances).toMatch(/\byou\b/);
    expect(instances).toContain("Northwind Hotels 3076913644915998721");
  });

  it("keeps the page's own and /docs requests out of the log until asked; the favicon is no 404", async () => {
    await fetch(`${base}/docs/`);
    expect((await fetch(`${base}/favicon.ico`)).status).toBe(204);
    const assets = page.locator('#log tr[data-kind="asset"]');
    await expect.poll(() => assets.count()).toBeGreaterThan(0);
    expect(await page.locator('#log tr[data-kind="asset"]:visible').count()).toBe(0);
    await page.locator("#show-assets").check();
    const allShown = async () =>
      (await page.locator('#log tr[data-kind="asset"]:visible').count()) === (await assets.count());
    await expect.poll(allShown).toBe(true);
    expect(await page.locator("#log").innerText()).toContain("/favicon.ico");
    await page.locator("#show-assets").uncheck();
    await expect.poll(() => page.locator('#log tr[data-kind="asset"]:visible').count()).toBe(0);
  });

  it("an order made through the API appears without a reload, with its request as sent", async () => {
    const expand = tutorialExamples().find((t) => t.name === "expandCapacity")!;
    const { orderNo } = await order(expand.requestText);
    const entry = page.locator(`details[data-order="${orderNo}"]`);
    await entry.waitFor({ timeout: 10_000 });
    await entry.locator("summary").click();
    await expect.poll(() => entry.innerText()).toContain('"billingId": 3197218168379846218');
    await expect.poll(() => entry.innerText()).toContain('"orderNo": "GQ3401181709772259328"');
    await expect.poll(() => page.locator("#log").innerText()).toContain("/order/openapi/order/v1/save");
    // The page's own control calls are in the log but hidden by default: shown, they are there; hidden again, gone.
    const controlRows = page.locator('#log tr[data-kind="control"]');
    expect(await controlRows.count()).toBeGreaterThan(0);
    expect(await page.locator('#log tr[data-kind="control"]:visible').count()).toBe(0);
    await page.locator("#show-control").check();
    // The page keeps polling, so rows keep arriving: compare both counts at the same moment.
    const allShown = async () =>
      (await page.locator('#log tr[data-kind="control"]:visible').count()) === (await controlRows.count());
    await expect.poll(allShown).toBe(true);
    await page.locator("#show-control").uncheck();
    await expect.poll(() => page.locator('#log tr[data-kind="control"]:visible').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "ui-order.png"), fullPage: true });
  });

  it("re-fetches the account view at most once per 300 ms of events, and never because of its own reads", async () => {
    // The page's clock is Playwright's: its timers fire only when the test runs them, so nothing here races.
    const p = await browser.newPage();
    await p.addInitScript(() => {
      const w = window as unknown as { reads: number };
      w.reads = 0;
      const real = window.fetch.bind(window);
      window.fetch = (input, init) => {
        if (String(input) === "/__mock/accounts" && (init?.method ?? "GET") === "GET") w.reads++;
        return real(input, init);
      };
    });
    await p.clock.install();
    await p.goto(`${base}/__mock/ui/`);
    await p.locator("#instances").getByText("1948832").first().waitFor();
    await p.clock.pauseAt(Date.now() + 10_000);
    const reads = () => p.evaluate(() => (window as unknown as { reads: number }).reads);
    const rows = (kind: string) => p.locator(`#log tr[data-kind="${kind}"]`).count();
    const burst = async () => {
      const before = await rows("vendor");
      for (let i = 0; i < 10; i++) await fetch(`${base}/user/openapi/user/v1/client/billing_contact_list`);
      await expect.poll(() => rows("vendor")).toBe(before + 10);
    };
    const settled = async (controlBefore: number) =>
      // One refresh reads three control routes; their log events are how the test knows it is over.
      expect.poll(() => rows("control")).toBeGreaterThanOrEqual(controlBefore + 3);
    const r0 = await reads();
    await burst();
    expect(await reads()).toBe(r0); // ten events, no re-fetch yet: the timer has not run
    let control = await rows("control");
    await p.clock.runFor(1);
    expect(await reads()).toBe(r0 + 1);
    await settled(control);
    await burst();
    await p.clock.runFor(290);
    expect(await reads()).toBe(r0 + 1); // within 300 ms of the last refresh
    control = await rows("control");
    await p.clock.runFor(20);
    expect(await reads()).toBe(r0 + 2);
    await settled(control);
    await p.clock.runFor(5_000);
    expect(await reads()).toBe(r0 + 2); // its own reads did not start another
    await p.close();
  });

  it("pending orders show their status and settle from the page", async () => {
    await page.locator("#manual-payment").check();
    await expect.poll(() => mock.service.account("demo-client-id")!.paymentMode).toBe("manual");
    const expand = tutorialExamples().find((t) => t.name === "expandCapacity")!;
    // 20 more Ultimate Plan extensions (the first test ordered 50; 100 extensions cap them).
    const { orderNo } = await order(expand.requestText.replace(/("quantity":\s*)50/, "$120"));
    const entry = page.locator(`details[data-order="${orderNo}"]`);
    await entry.waitFor({ timeout: 10_000 });
    expect(await entry.getAttribute("data-status")).toBe("pending");
    await entry.locator('button[data-outcome="succeed"]').click();
    await expect.poll(() => entry.getAttribute("data-status"), { timeout: 10_000 }).toBe("succeed");
    expect(mock.service.account("demo-client-id")!.orders.find((o) => o.orderNo === orderNo)!.status).toBe("succeed");
    await page.screenshot({ path: join(SHOTS, "ui-settled.png"), fullPage: true });
    await page.locator("#manual-payment").uncheck();
    await expect.poll(() => mock.service.account("demo-client-id")!.paymentMode).toBe("auto");
  });

  it("Reset removes it", async () => {
    await page.getByRole("button", { name: "Reset" }).click();
    await page.locator("details[data-order]").first().waitFor({ state: "detached", timeout: 10_000 });
    await expect.poll(() => page.locator("#orders").innerText()).toContain("No orders yet.");
    await page.screenshot({ path: join(SHOTS, "ui-after-reset.png"), fullPage: true });
  });

  it("advances the clock, makes an isolated account and arms a fault", async () => {
    await page.locator("#advance input").fill("2");
    await page.locator("#advance button").click();
    await expect.poll(() => page.locator("#notice").innerText()).toContain("Clock advanced by 2 days");
    await page.locator("#fault button").click();
    await expect.poll(() => page.locator("#notice").innerText()).toContain("armed for the next 1");
    expect(mock.faults.list()).toHaveLength(1);
    await page.getByRole("button", { name: "New isolated account" }).click();
    await expect.poll(() => page.locator("#notice").innerText()).toContain("client_id sandbox-");
    expect(mock.service.accounts()).toHaveLength(2);
  });

  it("is usable at a laptop's width and a narrow one", async () => {
    for (const width of [1280, 800]) {
      await page.setViewportSize({ width, height: 800 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: join(SHOTS, "ui-narrow.png"), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("/docs renders the reference with the order endpoint and the exact documented IDs", async () => {
    await page.goto(`${base}/docs`);
    await page.getByText("/order/openapi/order/v1/save").first().waitFor({ timeout: 20_000 });
    await page.getByText("/order/openapi/order/v1/save").first().click();
    // The request example as Swagger UI shows it, scoped to the operation (the spec's prose also holds the ID).
    const op = page.locator("#operations-order-createOrder");
    await expect.poll(() => op.innerText()).toContain('"serviceId": "3048941892189077504"');
    await expect.poll(() => op.innerText()).toContain('"connectionPlanId": "3048941892189077504"');
    // What a double would have made of them.
    for (const rounded of ["3048941892189077500", "3049033063168893000"])
      expect(await op.innerText()).not.toContain(rounded);
    await expect.poll(() => page.locator("body").innerText()).toContain("64-bit IDs in examples are shown as strings");
    // The mock's own control API is described beside it.
    await expect.poll(() => page.locator("#control").innerText(), { timeout: 20_000 }).toContain("/__mock/faults");
    await page.screenshot({ path: join(SHOTS, "docs.png"), fullPage: false });
  });

  it("loaded nothing from outside the mock, and nothing it asked for was a 404", () => {
    expect(outside).toEqual([]);
    expect(missing).toEqual([]);
  });
});
