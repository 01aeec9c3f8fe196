// /docs: the API reference rendered by Swagger UI from local files (no CDN), on the project's own spec.
// Browsers parse JSON into doubles, and Swagger UI re-parses even string examples, so a 19-digit ID would be
// shown (and sent by "Try it out") rounded. In this rendering such IDs are decimal strings instead: exact, and
// accepted by the contract (Int64Id takes both forms). The verbatim document is at /docs/openapi.yaml.
import express, { type Router } from "express";
import { loadControlSpec, loadSpec } from "../../openapi/load.ts";
import { fromRoot } from "../../openapi/root.ts";

export const DOCS_NOTE =
  "**In this rendering, 64-bit IDs in examples are shown as strings** so that the browser keeps every digit; the API " +
  "also takes them as bare numbers, as the vendor's examples send them. The verbatim document: [openapi.yaml](openapi.yaml).\n\n" +
  "**Sources.** Each schema, property and parameter shows `x-documented` (the vendor page it comes from) or " +
  "`x-assumed` (why it is assumed); docs/fidelity.md lists every assumption.\n\n";

function exactIds(node: unknown): unknown {
  if (typeof node === "bigint") return node.toString();
  if (Array.isArray(node)) return node.map(exactIds);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, exactIds(v)]));
}

function docsSpec(): Record<string, unknown> {
  const doc = exactIds(loadSpec()) as { info: { description: string } };
  doc.info.description = DOCS_NOTE + doc.info.description;
  return doc;
}

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Yeastar Partner Portal API reference</title>
<link rel="stylesheet" href="assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<hr><div id="control"></div>
<script src="assets/swagger-ui-bundle.js"></script>
<script>
  // showExtensions: each schema, property and parameter shows its x-documented page or x-assumed reason.
  const common = { validatorUrl: null, tryItOutEnabled: false, defaultModelsExpandDepth: 0, showExtensions: true };
  window.ui = SwaggerUIBundle({ ...common, url: "openapi.json", dom_id: "#ui", deepLinking: true });
  // The mock's own control API, beside the vendor API it simulates.
  window.control = SwaggerUIBundle({ ...common, url: "mock-control.json", dom_id: "#control" });
</script></body></html>`;

export function docsRouter(): Router {
  const r = express.Router();
  let spec: string | undefined;
  r.get("/", (req, res, next) => {
    // Relative asset URLs need the trailing slash.
    if (!req.originalUrl.endsWith("/")) return res.redirect(301, `${req.originalUrl}/`);
    res.type("html").send(PAGE);
    void next;
  });
  r.get("/openapi.json", (req, res) => {
    spec ??= JSON.stringify(docsSpec());
    // "Try it out" talks to the mock that serves these docs.
    const doc = JSON.parse(spec) as { servers: Array<{ url: string; description: string }> };
    doc.servers = [{ url: `${req.protocol}://${req.get("host")}`, description: "this mock" }, ...doc.servers];
    res.type("json").send(JSON.stringify(doc));
  });
  r.get("/openapi.yaml", (_req, res) => res.sendFile(fromRoot("openapi", "partner-portal.yaml")));
  let control: string | undefined;
  r.get("/mock-control.json", (req, res) => {
    control ??= JSON.stringify(loadControlSpec());
    const doc = JSON.parse(control) as { servers: Array<{ url: string; description: string }> };
    doc.servers = [{ url: `${req.protocol}://${req.get("host")}`, description: "this mock" }];
    res.type("json").send(JSON.stringify(doc));
  });
  r.get("/mock-control.yaml", (_req, res) => res.sendFile(fromRoot("openapi", "mock-control.yaml")));
  // The build copies the two assets into dist/ so an installed package serves them without swagger-ui-dist.
  r.use("/assets", express.static(fromRoot("dist", "swagger-ui")));
  r.use("/assets", express.static(fromRoot("node_modules", "swagger-ui-dist"), { fallthrough: false }));
  return r;
}
