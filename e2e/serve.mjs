// Tiny static file server for the built site (dist/), node:http only.
//
// Used by the e2e harness (e2e/run.mjs) and as a CLI:
//   node e2e/serve.mjs [dir=dist] [port=5173] [host=127.0.0.1]
//
// Sends no Content-Encoding. Sends COOP/COEP (ISOLATION_HEADERS) on every
// response: the page and its workers are cross-origin isolated, so the engine
// gets SharedArrayBuffer and tfjs-backend-wasm's multi-threaded SIMD build. A
// host without these headers still works, single-threaded (src/engine/backend.ts).
import { createServer } from 'node:http';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.tlds': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

/** Cross-origin isolation: SharedArrayBuffer, hence tfjs-backend-wasm's threaded build. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export function mimeType(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The page for a request whose head is longer than Node reads (16 KB by default: in practice a
 * link with a huge query). Node would answer 431 with an empty body, which a browser shows as a
 * blank page; this says what happened. Plain, fixed text: nothing from the request is echoed.
 */
export const TOO_LONG_PAGE = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Link too long · Ticket Lab</title>
<h1>This link is too long</h1>
<p>The server reads links of up to 16 KB, and this one is longer. The links Ticket Lab makes are under 1 KB:
copy the link again from the lab (Copy link), or open the lab and choose the settings there.</p>
<p><a href="/">Open Ticket Lab</a></p>
`;

/** A whole HTTP response as bytes, for the socket of a request Node could not parse. */
function rawResponse(status, reason, body, type) {
  const buf = Buffer.from(body, 'utf8');
  const head = [
    `HTTP/1.1 ${status} ${reason}`,
    `Content-Type: ${type}`,
    `Content-Length: ${buf.length}`,
    'Cache-Control: no-store',
    "Content-Security-Policy: default-src 'none'",
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1'), buf]);
}

/**
 * What the server answers a request it cannot parse (Node's own answers, with a page for a head too
 * long). The rest of the request is read and dropped before the socket closes: closing while the
 * browser still sends would reset the connection, and the page would be lost.
 */
const answered = new WeakSet();
function onClientError(err, socket) {
  // Node's parser reports every later chunk of a request it gave up on: answered once, the rest is dropped.
  if (answered.has(socket)) return;
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  const response =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? rawResponse(414, 'URI Too Long', TOO_LONG_PAGE, 'text/html; charset=utf-8')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawResponse(408, 'Request Timeout', 'Request Timeout\n', 'text/plain; charset=utf-8')
        : rawResponse(400, 'Bad Request', 'Bad Request\n', 'text/plain; charset=utf-8');
  socket.end(response);
  socket.setTimeout(5000, () => socket.destroy());
}

function send(res, status, body, headers = {}) {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(buf);
}

/**
 * Resolve a request path to a file inside `root`, or null if it escapes root
 * or is malformed. Does not touch the filesystem.
 */
export function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Treat backslashes as separators too, so "..\\" can't sneak through.
  decoded = decoded.replace(/\\/g, '/');
  if (decoded.endsWith('/')) decoded += 'index.html';
  const filePath = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const rel = path.relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return filePath;
}

/**
 * Serve `dir` over HTTP. Resolves once listening.
 * @param {string} dir
 * @param {{ port?: number, host?: string, isolate?: boolean }} [opts] isolate: false leaves out
 *   ISOLATION_HEADERS, as a plain static host would (the e2e tests check the lab works there too)
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function serveStatic(dir, { port = 0, host = '127.0.0.1', isolate = true } = {}) {
  const root = path.resolve(dir);
  const sockets = new Set();

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
        return;
      }
      const urlPath = new URL(req.url ?? '/', 'http://x').pathname;
      const filePath = resolveInside(root, urlPath);
      if (!filePath) {
        send(res, 404, 'Not Found\n');
        return;
      }
      const st = await stat(filePath).catch(() => null);
      if (st?.isDirectory()) {
        // "/foo" where foo/ is a directory: redirect so relative URLs work.
        send(res, 301, 'Moved Permanently\n', { Location: urlPath + '/' });
        return;
      }
      if (!st?.isFile()) {
        send(res, 404, 'Not Found\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': mimeType(filePath),
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(isolate ? ISOLATION_HEADERS : {}),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(createReadStream(filePath), res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy(err);
    }
  });

  server.on('clientError', onClientError);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const actualPort = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would otherwise hold close() open.
        for (const s of sockets) s.destroy();
      }),
  };
}

// CLI: node e2e/serve.mjs [dir] [port] [host]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir = 'dist', portArg = '5173', host = '127.0.0.1'] = process.argv.slice(2);
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) {
    console.error(`serve: "${dir}" is not a directory (did you run \`npm run build\`?)`);
    process.exit(1);
  }
  const srv = await serveStatic(dir, { port: Number(portArg), host });
  console.log(`Serving ${path.resolve(dir)} at ${srv.url}  (Ctrl+C to stop)`);
  const stop = async () => {
    await srv.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
