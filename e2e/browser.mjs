// Browser helpers for the e2e tests: playwright-core driving Debian's chromium.
// Never run `npx playwright install`; set CHROMIUM_PATH to use another binary.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

/**
 * Chromium flags. `--enable-unsafe-webgpu` is the only one needed: with it,
 * headless Debian chromium exposes WebGPU through a SwiftShader (software
 * Vulkan) adapter; without it requestAdapter() returns null. Checked on
 * chromium 156: `--enable-features=Vulkan`, `--use-webgpu-adapter=swiftshader`
 * and `--use-angle=swiftshader` change nothing, so they are left out.
 * Playwright adds --no-sandbox / --enable-unsafe-swiftshader itself.
 */
export const CHROMIUM_ARGS = ['--enable-unsafe-webgpu'];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** @param {import('playwright-core').LaunchOptions} [options] */
export async function launchBrowser(options = {}) {
  const { args = [], ...rest } = options;
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...rest,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/**
 * Open `url` in a fresh context. `errors` collects console errors and uncaught
 * page errors (as strings) from the moment the page is created, so a test can
 * `assert.deepEqual(errors, [])` at the end.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ viewport?: { width: number, height: number }, waitUntil?: 'load'|'domcontentloaded'|'networkidle'|'commit', timeout?: number }} [opts]
 */
export async function openPage(browser, url, opts = {}) {
  const { viewport = { width: 1280, height: 800 }, waitUntil = 'load', timeout = 60_000 } = opts;
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} every console message, "[type] text", for debugging */
  const consoleLog = [];
  page.on('console', (msg) => {
    const text = msg.text();
    consoleLog.push(`[${msg.type()}] ${text}`);
    if (msg.type() === 'error') {
      const loc = msg.location();
      errors.push(`console.error: ${text}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err.stack || err.message || String(err)}`);
  });
  page.on('crash', () => errors.push('page crashed'));
  const response = await page.goto(url, { waitUntil, timeout });
  return { page, context, errors, consoleLog, response, close: () => context.close() };
}

/**
 * Ask the page for a WebGPU adapter and return its info, or null when there
 * is none. Under headless chromium + SwiftShader this reads
 * { vendor: 'google', architecture: 'swiftshader', device: '', description: '',
 *   isFallbackAdapter: true }.
 * @param {import('playwright-core').Page} page
 */
export async function webgpuAdapterInfo(page) {
  return page.evaluate(async () => {
    if (!('gpu' in navigator) || !navigator.gpu) return null;
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info;
    return {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter: info.isFallbackAdapter,
    };
  });
}

/** True for a software (SwiftShader / fallback) WebGPU adapter. */
export function isSoftwareAdapter(info) {
  if (!info) return false;
  return (
    info.isFallbackAdapter === true ||
    /swiftshader/i.test(`${info.architecture} ${info.description} ${info.device}`)
  );
}

/**
 * For a test file: launches one browser before its tests and closes it after. Returns the site's
 * base URL (from e2e/run.mjs) and a getter for the browser.
 */
export function useBrowser() {
  const base = process.env.TICKET_LAB_URL;
  let browser;
  before(async () => {
    assert.ok(base, 'TICKET_LAB_URL is not set: run the e2e tests with `node e2e/run.mjs`');
    browser = await launchBrowser();
  });
  after(async () => browser?.close());
  return { base, browser: () => browser };
}

/** Waits until the page's run status reads `re` (e.g. /complete/). */
export const waitForStatus = (page, re, timeout = 120_000) => page.locator('[data-testid=status]', { hasText: re }).waitFor({ timeout });
