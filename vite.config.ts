/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// Cross-origin isolation (COOP + COEP) gives the engine's worker SharedArrayBuffer, hence
// tfjs-backend-wasm's multi-threaded SIMD build. e2e/serve.mjs sends the same headers; a host
// without them still works, single-threaded (src/engine/backend.ts).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The built lab runs only the scripts it was built with: no inline script, no eval, no plugin
// objects, nothing from another origin. A <meta> tag, so the policy travels with dist/ to any
// static host. What is allowed, and why:
// - script-src 'self': the bundle; the engine's worker (worker-src falls back to script-src).
//   The tfjs WASM binaries compile inside that worker, whose own script carries no policy, so
//   the page needs no 'wasm-unsafe-eval'.
// - style-src 'self': the stylesheet; React sets style= props through the CSSOM, which a policy
//   does not govern, so no 'unsafe-inline'.
// - img-src data: blob:: the empty favicon (data:,), the mask canvases drawn into the charts
//   (toDataURL) and the PNG export (an object URL of the SVG).
// Only the lab's index.html: bench.html, a developer page, keeps its inline <style>.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'ticket-lab-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        ctx.path === '/index.html' ? [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }] : [],
    },
  };
}

// base './' so dist/ works from any static host or sub-folder, offline.
export default defineConfig({
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The app, and the training benchmark page (docs/bench.md).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        bench: fileURLToPath(new URL('./bench.html', import.meta.url)),
      },
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
