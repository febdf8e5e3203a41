// What the tests share: one engine per file, and a real HTTP server on
// 127.0.0.1 (an ephemeral port) that records what reached it.
import http from "node:http";

/** Starts a server on 127.0.0.1:0; `handler(req, body)` returns `[status, json]`. */
export async function localServer(handler) {
  const seen = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", async () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const [status, json] = await handler(req, body);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Rejects unless `promise` rejects with a JsboxError of `kind`; returns the error. */
export async function rejectsWith(promise, kind) {
  try {
    const value = await promise;
    throw new Error(`expected a ${kind} error, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error.kind !== kind) throw new Error(`expected kind ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
}
