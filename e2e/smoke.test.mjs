// Smoke test: the built site loads in headless chromium without errors, and
// the browser exposes a (software, SwiftShader) WebGPU adapter.
// Run via `node e2e/run.mjs` (it serves dist/ and sets TICKET_LAB_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage, webgpuAdapterInfo, isSoftwareAdapter } from './browser.mjs';

const URL_ = process.env.TICKET_LAB_URL;
const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results');

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof openPage>>} */
let session;

before(async () => {
  assert.ok(URL_, 'TICKET_LAB_URL is not set: run the e2e tests with `node e2e/run.mjs`');
  browser = await launchBrowser();
  session = await openPage(browser, URL_);
});

after(async () => {
  await session?.close();
  await browser?.close();
});

test('page loads with the Ticket Lab title and heading', async () => {
  assert.equal(session.response?.status(), 200);
  const title = await session.page.title();
  assert.match(title, /Ticket Lab/);
  await session.page.getByRole('heading', { name: /Ticket Lab/ }).first().waitFor({ timeout: 30_000 });
});

test('full-page screenshot', async () => {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'smoke.png');
  const png = await session.page.screenshot({ path: file, fullPage: true });
  assert.ok(png.length > 0);
});

test('WebGPU adapter is available (SwiftShader)', async (t) => {
  const info = await webgpuAdapterInfo(session.page);
  t.diagnostic(`WebGPU adapter info: ${JSON.stringify(info)}`);
  assert.ok(info, 'navigator.gpu.requestAdapter() returned no adapter (is --enable-unsafe-webgpu set?)');
  t.diagnostic(`software adapter: ${isSoftwareAdapter(info)}`);
});

test('no console errors or page errors', async () => {
  // Give late async errors (module workers, chunk loads) a moment to surface.
  await session.page.waitForTimeout(250);
  assert.deepEqual(session.errors, []);
});
