// The reference ceiling: bare Express handlers answering fixed bodies of the mock's own size. Started by bench/run.ts.
import express from "express";

const port = Number(process.argv[2]);
const bodies = JSON.parse(process.argv[3]!) as Record<string, string>;
const app = express();
app.disable("x-powered-by");
app.set("etag", false);
for (const [key, text] of Object.entries(bodies)) {
  const [method, path] = key.split(" ") as ["GET" | "POST", string];
  const send = (_req: express.Request, res: express.Response) =>
    void res.status(200).set("Content-Type", "application/json; charset=utf-8").send(text);
  if (method === "GET") app.get(path, send);
  else app.post(path, express.text({ type: () => true }), send);
}
app.listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
