// A small static server for the exported site (used by `npm start`, the browser tests and the
// benchmarks). Maps `dir/` to `dir/index.html`, serves .wasm as application/wasm, binds 127.0.0.1.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.tsv': 'text/tab-separated-values; charset=utf-8', '.csv': 'text/csv; charset=utf-8', '.bin': 'application/octet-stream',
};

/**
 * @param {string} root directory to serve
 * @param {number} port 0 for any free port
 * @param {{ overrides?: Record<string, string | Buffer | null>, isolate?: boolean }} [options] overrides: path → replacement
 *   body (null = 404), for fault-injection tests; isolate: send COOP same-origin / COEP require-corp with every
 *   response (what the site's service worker adds), so a page is cross-origin isolated on its first load (benchmarks)
 */
export function startStaticServer(root, port = 0, options = {}) {
  const absRoot = path.resolve(root);
  const extra = options.isolate ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname;
    // A malformed escape (`/%`) would throw here and take the whole server down: answer 400.
    try { pathname = decodeURIComponent(url.pathname); } catch { res.writeHead(400).end('bad request'); return; }
    if (options.overrides && Object.prototype.hasOwnProperty.call(options.overrides, pathname)) {
      const body = options.overrides[pathname];
      if (body === null) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': TYPES[path.extname(pathname)] ?? 'application/octet-stream', ...extra }).end(body);
      return;
    }
    let file = path.join(absRoot, pathname);
    if (!file.startsWith(absRoot)) { res.writeHead(403).end(); return; }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    else if (!path.extname(file) && fs.existsSync(path.join(file, 'index.html'))) {
      res.writeHead(308, { location: `${pathname}/${url.search}` }).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        const notFound = path.join(absRoot, '404.html');
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...extra });
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${address.port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'out';
  const port = Number(process.argv[3] ?? 3000);
  if (!fs.existsSync(root)) {
    console.error(`No ${root}/ folder: run \`npm run build\` first.`);
    process.exit(1);
  }
  const { url } = await startStaticServer(root, port);
  console.log(`Serving ${root}/ at ${url}/`);
}
