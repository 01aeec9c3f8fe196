// Provenance self-check: every schema, schema property and parameter of the spec says where it comes from
// (x-documented, a vendor page) or why it is assumed (x-assumed), so "everything assumed is marked" holds by test.
import { readFileSync } from "node:fs";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { docsRouter } from "../mock/routes/docs.ts";
import { FIDELITY_PATH, renderFidelity } from "../scripts/fidelity.ts";
import { loadControlSpec, loadSpec, type OpenApiDocument } from "./load.ts";
import { provenance, untypedConsts } from "./provenance.ts";
import { createSpecAjv, specRefs } from "./validator.ts";

const spec = loadSpec();
const copy = (): OpenApiDocument => structuredClone(spec);
const schemas = (doc: OpenApiDocument) => doc.components.schemas as Record<string, any>;

describe("provenance marks", () => {
  it("every schema, schema property and parameter carries x-documented or x-assumed", () => {
    expect(provenance(spec).problems).toEqual([]);
  });

  it("the walk reaches properties through allOf members, array items and nested objects", () => {
    const items = new Set(provenance(spec).items.map((i) => `${i.group}: ${i.item}`));
    for (const item of [
      "schema TokenResponse: result",
      "schema PriceInfo: planList[].serviceList",
      "schema InstanceProduct: services[].quantity",
      "schema OrderSaveRequest: orderPceSpecialRequest.pbxName",
      "parameter UserAgent: parameter User-Agent",
      "operation getPlanInfo (GET /pricing/openapi/purchase/v1/{purchaseType}/plan_info/{pricingPlanId}): parameter productNo",
    ])
      expect(items, item).toContain(item);
    expect(items.size).toBeGreaterThan(280);
  });

  it("reports an unmarked property, an unmarked parameter, a bare x-assumed: true and an unknown page", () => {
    const doc = copy();
    delete schemas(doc).OrderItem.properties.quantity["x-documented"];
    delete schemas(doc).OrderItem.properties.quantity["x-assumed"];
    schemas(doc).OrderResult.properties.orderStatus["x-assumed"] = true;
    schemas(doc).ContactInfo.properties.city["x-documented"] = "no-such-page.html";
    const sort = (doc.paths["/order/openapi/order/v1/page"] as any).get.parameters[3];
    delete sort["x-documented"];
    delete sort["x-assumed"];
    expect(provenance(doc).problems).toEqual([
      "operation listOrders (GET /order/openapi/order/v1/page): parameter sort: neither x-documented nor x-assumed",
      "schema ContactInfo: city: x-documented no-such-page.html is not in info.x-sources",
      "schema OrderItem: quantity: neither x-documented nor x-assumed",
      "schema OrderResult: orderStatus: x-assumed must give the reason as a sentence",
    ]);
  });

  it("every x-assumed anywhere in the document is a reason, not a flag", () => {
    const flags: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        if (k === "x-assumed" && (typeof v !== "string" || v.length < 10)) flags.push(path);
        walk(v, `${path}/${k}`);
      }
    };
    walk(spec, "#");
    expect(flags).toEqual([]);
  });

  it("OrderResult.orderStatus has a real mark (x-assumed-values on OrderStatus is not one)", () => {
    expect(schemas(spec).OrderResult.properties.orderStatus["x-assumed"]).toMatch(/order list/);
  });

  it("every page slug is a help.yeastar.com address, and every example's x-source is one of them", () => {
    const sources = spec.info["x-sources"] as Record<string, string>;
    for (const [slug, url] of Object.entries(sources))
      expect(url, slug).toMatch(/^https:\/\/help\.yeastar\.com\/en\/pp-ptr\/(developer-guide|topics)\//);
    const used: unknown[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries(node)) {
        if (k === "x-source") used.push(v);
        else walk(v);
      }
    };
    walk(spec.paths);
    expect(used.length).toBeGreaterThanOrEqual(4);
    for (const u of used) expect(Object.keys(sources)).toContain(u);
  });

  it("docs/fidelity.md is current (npm run fidelity) and lists the assumptions with their reasons", () => {
    const text = readFileSync(FIDELITY_PATH, "utf8");
    expect(text, "stale: run npm run fidelity").toBe(renderFidelity(spec));
    expect(text).toContain("## schema OrderInfo");
    expect(text).toMatch(/\*\*`customReferenceNo`\*\* \(documented: query-order-list\.html.*\): That it shows/);
  });
});

describe("corrections the vendor's pages call for", () => {
  const ajv = createSpecAjv(spec);
  const resolve = (s: any) => (s?.$ref ? schemas(spec)[s.$ref.split("/").pop()] : s);
  const named = (name: string): any[] => {
    const out: any[] = [];
    for (const item of Object.values(spec.paths))
      for (const op of Object.values(item) as any[])
        for (const p of op.parameters ?? []) if (p.name === name) out.push(p.schema);
    const walk = (node: any): void => {
      if (!node || typeof node !== "object") return;
      for (const [k, v] of Object.entries<any>(node.properties ?? {})) if (k === name) out.push(v);
      for (const v of Object.values(node)) walk(v);
    };
    walk(spec.components.schemas);
    return out;
  };

  it("every const has its type beside it (code generators type an untyped const as never)", () => {
    expect(untypedConsts(spec)).toEqual([]);
    expect(untypedConsts(loadControlSpec())).toEqual([]);
    expect(untypedConsts({ properties: { status: { const: 200 } } })).toEqual(["#/properties/status"]);
  });

  it("productNo is a serial number everywhere: 3631E3418911 is valid, nothing is digits-only", () => {
    const all = named("productNo");
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const s of all) {
      expect(resolve(s).pattern, JSON.stringify(s)).toBeUndefined();
      const validate = ajv.compile(specRefs(s));
      expect(validate("3631E3418911"), JSON.stringify(s)).toBe(true);
      expect(validate("3076913644890832896")).toBe(true);
    }
  });

  it("productId has one range wherever it is taken (every parameter and the order)", () => {
    const inputs = [...named("productId").filter((s) => s.type === "integer" && s.maximum !== undefined)];
    expect(inputs.length).toBe(8);
    const ranges = new Set(
      inputs
        .map(resolve)
        .filter((s) => s.type === "integer")
        .map((s) => `${s.minimum}..${s.maximum}`),
    );
    expect([...ranges]).toEqual(["1..2147483647"]);
  });

  it("Query Product Model is in the spec as documented", () => {
    const op = (spec.paths["/product/openapi/instance/v1/product_model"] as any).get;
    expect(op.operationId).toBe("getProductModel");
    const params = op.parameters.filter((p: any) => !p.$ref);
    expect(params.map((p: any) => [p.name, p.required])).toEqual([
      ["productId", true],
      ["productNo", true],
    ]);
    expect(params[1].example).toBe("3631E3418911");
    expect(schemas(spec).ProductModel.properties.productModel.type).toBe("string");
  });
});

describe("/docs shows the marks", () => {
  const app = express().use("/docs", docsRouter());

  it("Swagger UI renders x- extensions, and the rendered document carries the marks", async () => {
    expect((await request(app).get("/docs/")).text).toContain("showExtensions: true");
    const doc = JSON.parse((await request(app).get("/docs/openapi.json")).text);
    const orderNo = doc.components.schemas.OrderInfo.properties.customReferenceNo;
    expect(orderNo["x-documented"]).toContain("query-order-list.html");
    expect(orderNo["x-assumed"]).toMatch(/poNumber/);
  });
});
