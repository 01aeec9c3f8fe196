// The ceiling: bare node:http reading each request body whole and answering the mock's own bytes: for an order
// shape (picked by operationType) and for each GET (picked by its target), so response sizes match. Started by
// bench/scaling.ts: PORT BODIES_FILE.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const port = Number(process.argv[2]);
const bodies = JSON.parse(readFileSync(process.argv[3]!, "utf8")) as {
  orders: Record<string, string>;
  gets: Record<string, string>;
};
const buffers = (texts: Record<string, string>) =>
  new Map(Object.entries(texts).map(([key, text]) => [key, Buffer.from(text)]));
const orders = buffers(bodies.orders);
const gets = buffers(bodies.gets);
const KIND = /"operationType"\s*:\s*"(\w+)"/;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body =
      req.method === "GET"
        ? gets.get(req.url ?? "")
        : orders.get(KIND.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? "");
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  });
}).listen(port, "127.0.0.1");
