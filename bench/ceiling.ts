// The ceiling: bare node:http reading each request body whole and answering the mock's own bytes for that order
// shape (picked by operationType), so response sizes match. Started by bench/scaling.ts: PORT BODIES_FILE.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";

const port = Number(process.argv[2]);
const bodies = JSON.parse(readFileSync(process.argv[3]!, "utf8")) as Record<string, string>;
const buffers = new Map(Object.entries(bodies).map(([kind, text]) => [kind, Buffer.from(text)]));
const KIND = /"operationType"\s*:\s*"(\w+)"/;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = buffers.get(KIND.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? "");
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  });
}).listen(port, "127.0.0.1");
