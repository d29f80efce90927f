// A tiny static file server on 127.0.0.1, for the page's tests and measurements: it
// serves one folder, records every request, and nothing else.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves `folder`; resolves to { origin, requests, close }. */
export function serve(folder) {
  const root = path.resolve(folder);
  const requests = [];
  const server = createServer(async (request, response) => {
    requests.push(request.url);
    const wanted = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    const file = path.join(root, wanted.endsWith("/") ? `${wanted}index.html` : wanted);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": types[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
