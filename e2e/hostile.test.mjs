// Hostile and broken input as a user's browser meets it: links with bad values, injection payloads
// and junk keys; results files that are broken or lie; links too long for the server; and the
// built page's Content-Security-Policy. Every payload here would set window.__pwned if it ever ran.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage, useBrowser, waitForStatus } from './browser.mjs';

const { base: BASE, browser: currentBrowser } = useBrowser();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PWN = 'window.__pwned=1';
const enc = encodeURIComponent;

/** Records every Content-Security-Policy violation the page meets, from its first script on. */
const WATCH_VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective}: ${e.blockedURI}`));
};

/** A page with the violation watch installed, then at `url`. */
async function openWatched(url) {
  const s = await openPage(currentBrowser(), 'about:blank');
  await s.page.addInitScript(WATCH_VIOLATIONS);
  const response = await s.page.goto(url);
  return { ...s, response };
}

/** The page's own view of what ran: the payload's flag and the policy violations. */
const evidence = (page) => page.evaluate(() => ({ pwned: '__pwned' in window, violations: window.__violations }));

// Each link, the banner lines it must show (the key and value as typed), and what must be gone
// from the address bar once the page has rewritten it.
const LINKS = [
  { query: 'eval=abc', says: ['eval=abc: not a decimal number; using 100'], gone: ['abc'] },
  { query: 'rate=0x10', says: ['rate=0x10: not a decimal number; using 0.2'], gone: ['0x10'] },
  { query: 'rounds=1e9', says: ['rounds=1e9: Number must be less than or equal to 30; using 7'], gone: ['1e9'] },
  { query: `dataset=${enc(`<script>${PWN}</script>`)}`, says: [`dataset="<script>${PWN}</script>": not one of mnist`], gone: ['pwned'] },
  { query: `${enc(`<img src=x onerror=${PWN}>`)}=1`, says: [`unknown parameter "<img src=x onerror=${PWN}>" ignored`], gone: ['pwned'] },
  { query: `model=${enc(`"><svg onload=${PWN}>`)}`, says: [`model="\\"><svg onload=${PWN}>": use lenet300`], gone: ['pwned'] },
  { query: `controls=${enc(`javascript:${PWN}`)}`, says: [`controls=javascript:${PWN}: "javascript:window" is not one of reinit, random; using reinit,random`], gone: ['pwned'] },
  { query: 'constructor=1&toString=2&__proto__=3', says: ['unknown parameter "constructor" ignored', 'unknown parameter "toString" ignored', 'unknown parameter "__proto__" ignored'], gone: ['constructor', 'toString', '__proto__'] },
  { query: 'rate=0.3&rate=0.5', says: ['rate is given 2 times (rate=0.3, rate=0.5); using the last'], gone: ['rate=0.3'] },
  { query: `hide=curves,${enc('<b>bold</b>')}`, says: ['hide=<b>bold</b>: no panel or setting has this name; ignored'], gone: ['bold'] },
  { query: 'big=yes', says: ['big=yes: use big=1 for large text or leave it out; ignored'], gone: ['big'] },
  { query: `run=${enc(`<script>${PWN}</script>`)}`, says: ['run=<script>window.__pwned=1</script>: use run=1 for starting the run when the link opens or leave it out; not started'], gone: ['pwned'] },
  { query: 'evalEvery=5', says: ['unknown parameter "evalEvery" ignored'], gone: ['evalEvery'] },
  { query: 'seed=Infinity', says: ['seed=Infinity: not a decimal number; using 1'], gone: ['Infinity'] },
  { query: `iters=${enc('１００')}`, says: ['iters=１００: not a decimal number; using 1000'], gone: ['１００'] },
  { query: 'rewinds=0x10', says: ['rewinds=0x10: "0x10" is not a decimal number; using none'], gone: ['0x10'] },
  { query: `v=${enc('<script>')}`, says: ['link version <script> is not 1; read as version 1'], gone: ['<script>'] },
  { query: `${'k'.repeat(8000)}=1`, says: [`unknown parameter "${'k'.repeat(59)}…" ignored`], gone: ['kkkk'] },
  { query: `dataset=${enc('\u202eevil')}`, says: ['dataset="\\u202eevil": not one of mnist'], gone: ['evil'] },
  { query: 'seeds=2&seeds=3&seeds=abc', says: ['seeds is given 3 times (seeds=2, seeds=3, seeds=abc); using the last', 'seeds=abc: not a decimal number; using 1'], gone: ['abc'] },
  { query: `stability=${enc(`'><script>${PWN}</script>`)}&rate=${enc('{{constructor.constructor("window.__pwned=1")()}}')}`, says: ['stability=', 'rate={{constructor.constructor('], gone: ['pwned'] },
];

test('hostile links: every bad key and value named as typed, nothing runs, no error, junk gone from the address bar', async () => {
  const s = await openWatched(BASE);
  try {
    for (const link of LINKS) {
      await s.page.goto(`${BASE}?${link.query}`);
      const banner = s.page.locator('[data-testid=config-banner]');
      await banner.waitFor({ timeout: 30_000 });
      const lines = await banner.locator('li').allInnerTexts();
      for (const said of link.says) assert.ok(lines.some((l) => l.includes(said)), `${link.query.slice(0, 80)}: the banner says ${JSON.stringify(said)}; it shows ${JSON.stringify(lines)}`);
      assert.equal(await banner.locator('script, img, svg, iframe, b b').count(), 0, 'the banner holds text only');
      const search = await s.page.evaluate(() => decodeURIComponent(location.search));
      for (const junk of link.gone) assert.ok(!search.includes(junk), `${link.query.slice(0, 80)}: ${junk} left the address bar (${search.slice(0, 200)})`);
      assert.deepEqual(await evidence(s.page), { pwned: false, violations: [] }, link.query.slice(0, 80));
      assert.equal(await s.page.locator('[data-testid=status]').textContent(), 'idle', 'no bad run= starts a run');
    }
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

// ---------- results files ----------

const example = JSON.parse(await readFile(path.join(root, 'docs', 'example-results.json'), 'utf8'));
/** A broken copy of the example: `spoil` changes it in place or returns the file's text. */
const broken = (spoil) => {
  const d = structuredClone(example);
  return spoil(d) ?? JSON.stringify(d);
};
const point = (i) => ({ iteration: i, testAccuracy: 0.5, testLoss: 1, valAccuracy: 0.5, valLoss: 1 });

const FILES = [
  { name: 'not JSON', text: '{"format": "ticket-lab/results", ', says: /^This file is not JSON: / },
  { name: 'two rounds numbered 0', text: broken((d) => void (d.rounds[1].round = 0)), says: /rounds\.1\.round: 0, but rounds are numbered 0, 1, 2, … in order, each once/ },
  { name: 'a 350,000-point curve', text: broken((d) => void (d.rounds[1].ticket.curve = Array.from({ length: 350_000 }, (_, i) => point(i)))), says: /rounds\.1\.ticket\.curve: 350,000 items, more than the 200,000/ },
  { name: 'more rounds than the config', text: broken((d) => void (d.config.rounds = 1)), says: /rounds: 3 rounds, but the config runs rounds 0 to 1/ },
  { name: 'weights that come back', text: broken((d) => void (d.rounds[2].remaining = 0.9)), says: /rounds\.2\.remaining: 90% of the weights, more than/ },
  { name: 'a curve one point short', text: broken((d) => void d.rounds[1].reinit.curve.pop()), says: /rounds\.1\.reinit\.curve: 2 points, but iters=200 with eval=100 evaluates 3 times/ },
  { name: 'a backend called __proto__', text: broken((d) => void (d.backend.name = '__proto__')), says: /backend\.name: "__proto__" is not one of/ },
  { name: 'a criterion called constructor', text: broken((d) => void (d.rounds[1].criteria = { constructor: d.rounds[1].ticket })), says: /rounds\.1\.criteria\.constructor: / },
  { name: 'a layer keeping more than it has', text: broken((d) => void (d.rounds[2].ticket.layers[0].remaining = 10 ** 9)), says: /rounds\.2\.ticket\.layers\.0: 1000000000 weights kept of the 235200/ },
  { name: 'a list, not a document', text: '[{"format":"ticket-lab/results"}]', says: /^This is not a Ticket Lab results document: \(document\): expected object, not array\.$/ },
  { name: 'two layers of one name', text: broken((d) => void (d.model.layers[1].name = 'fc1')), says: /model\.layers: two layers are named "fc1"/ },
];

/** What the page shows of a run: the table, the settings and the charts' marks. */
const screen = (page) =>
  page.evaluate(() => ({
    table: document.querySelector('[data-testid=results-table]')?.textContent,
    dataset: document.querySelector('select[data-field=dataset]')?.value,
    rate: document.querySelector('input[type=range][data-field=rate]')?.value,
    marks: document.querySelectorAll('[data-mark]').length,
    banner: document.querySelector('[data-testid=config-banner]')?.textContent ?? null,
  }));

async function importText(page, name, text) {
  const note = page.locator('[data-testid=share-note]');
  // Closed, so the next note is this file's (a success message may have gone by itself meanwhile).
  if (await note.count()) await note.locator('.share-note-close').click({ timeout: 2000 }).catch(() => {});
  await note.waitFor({ state: 'detached' });
  await page.locator('[data-testid=import-file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await note.waitFor({ timeout: 60_000 });
  return note.locator('span').first().innerText();
}

test('broken results files: each refused in one sentence, the screen left as it was; harmless faults taken with notes shown as text', async () => {
  const s = await openWatched(BASE);
  try {
    const page = s.page;
    assert.match(await importText(page, 'example-results.json', JSON.stringify(example)), /^Imported example-results\.json: 3 rounds, complete\.$/);
    await page.locator('[data-testid=results-table] tbody tr').nth(2).waitFor();
    assert.equal(await page.locator('[data-testid=imported]').textContent(), 'imported results', 'the progress line says the results were imported');
    const before = await screen(page);
    assert.ok(before.marks > 10, 'the example draws its charts');
    for (const file of FILES) {
      const said = await importText(page, `${file.name}.json`, file.text);
      assert.match(said, file.says, file.name);
      assert.ok(said.endsWith('.') && !/\.\s+[A-Z]/.test(said), `${file.name}: one sentence: ${said}`);
      assert.deepEqual(await screen(page), before, `${file.name}: the screen is left as it was`);
    }
    assert.deepEqual(await evidence(page), { pwned: false, violations: [] });

    // Harmless: unknown config keys (payloads, inherited names) and payloads in names. Taken,
    // with each key named in a note, as text.
    const payload = `<script>${PWN}</script><img src=x onerror="${PWN}">`;
    const text = broken((d) => {
      d.config[payload] = 1;
      d.config.constructor = 1;
      d.model.name = payload;
      d.backend.reason = `${payload}: ${payload}`;
      return JSON.stringify(d).replace('"config":{', '"config":{"__proto__":{"rate":0.9},');
    });
    assert.match(await importText(page, 'payloads.json', text), /^Imported payloads\.json: 3 rounds, complete\.$/);
    const banner = page.locator('[data-testid=config-banner]');
    assert.match(await banner.innerText(), /Notes on the imported results:/);
    const notes = await banner.locator('li').allInnerTexts();
    // In the file's order; a long key is cut at 60 characters, its quotes escaped.
    assert.deepEqual(notes, ['unknown field "__proto__" ignored', `unknown field "${payload.slice(0, 59).replace(/"/g, '\\"')}…" ignored`, 'unknown field "constructor" ignored']);
    assert.equal(await page.locator('[data-testid=config-banner] :is(script, img)').count(), 0);
    assert.ok((await page.locator('[data-testid=backend]').getAttribute('title')).startsWith(payload), 'the reason is shown as a tooltip text');
    assert.equal((await screen(page)).rate, '50', 'the config itself is the example’s');
    assert.deepEqual(await evidence(page), { pwned: false, violations: [] });
    assert.deepEqual(s.errors, []);
  } finally {
    await s.close();
  }
});

// ---------- links too long for the server ----------

/** Sends one raw request with a `length`-character query; resolves to the response's status, headers and body. */
function rawRequest(length) {
  const { hostname, port } = new URL(BASE);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`GET /?${'a'.repeat(length)} HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...body] = data.split('\r\n\r\n');
      const [statusLine, ...headers] = head.split('\r\n');
      resolve({ status: Number(statusLine.split(' ')[1]), headers: headers.join('\n').toLowerCase(), body: body.join('\r\n\r\n') });
    });
  });
}

test('a request line too long for the server gets a plain page saying the link is too long (414), not a blank one', async () => {
  for (const length of [20_000, 1 << 20]) {
    const r = await rawRequest(length);
    assert.equal(r.status, 414, `${length} characters`);
    assert.match(r.headers, /content-type: text\/html; charset=utf-8/);
    assert.match(r.headers, /content-security-policy: default-src 'none'/);
    assert.match(r.body, /<h1>This link is too long<\/h1>/);
    assert.ok(!r.body.includes('aaaa'), 'nothing of the request is echoed');
  }
  // In the browser: a 27 KB link and a 1 MB one.
  const s = await openPage(currentBrowser(), 'about:blank');
  try {
    for (const link of [`${BASE}?${'rate=0.5&'.repeat(3000)}`, `${BASE}?x=${'y'.repeat(1 << 20)}`]) {
      const response = await s.page.goto(link);
      assert.equal(response.status(), 414);
      assert.equal(await s.page.locator('h1').innerText(), 'This link is too long');
      await s.page.getByRole('link', { name: 'Open Ticket Lab' }).waitFor();
    }
    // The server still serves the lab after them.
    assert.equal((await s.page.goto(BASE)).status(), 200);
    assert.deepEqual(s.errors.filter((e) => !/status of 414/.test(e)), []);
  } finally {
    await s.close();
  }
});

// ---------- Content-Security-Policy ----------

test('the built page forbids inline script and eval; a normal run meets no violation; injected script is blocked', async () => {
  const html = await (await fetch(BASE)).text();
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
  assert.ok(policy, 'index.html carries a Content-Security-Policy');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives['script-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes('unsafe-eval'), policy);
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');

  // A normal tiny run, the backend chosen automatically (the engine's worker measures them).
  const s = await openWatched(`${BASE}?dataset=xor&model=mlp-8&rounds=1&iters=20&eval=10&batch=16&controls=none&run=1`);
  try {
    const page = s.page;
    await waitForStatus(page, /complete/);
    assert.equal(await page.locator('[data-testid=results-table] tbody tr').count(), 2);
    assert.deepEqual(await evidence(page), { pwned: false, violations: [] });
    assert.deepEqual(s.errors, []);

    // What a payload would try, if one ever reached the page as markup or code.
    const tried = await page.evaluate(async (pwn) => {
      const script = document.createElement('script');
      script.textContent = pwn;
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', pwn);
      img.src = 'data:,not-an-image';
      document.body.append(img);
      const link = document.createElement('a');
      link.href = `javascript:${pwn}`;
      document.body.append(link);
      link.click();
      const run = (f) => {
        try {
          f();
          return 'ran';
        } catch (e) {
          return e.name;
        }
      };
      await new Promise((r) => setTimeout(r, 300));
      return { evalResult: run(() => eval('1')), functionResult: run(() => new Function('return 1')()) };
    }, PWN);
    assert.deepEqual(tried, { evalResult: 'EvalError', functionResult: 'EvalError' });
    const { pwned, violations } = await evidence(page);
    assert.equal(pwned, false, 'no injected script ran');
    assert.ok(violations.includes('script-src-elem: inline'), JSON.stringify(violations));
    assert.ok(violations.includes('script-src-attr: inline'), JSON.stringify(violations));
    assert.ok(violations.includes('script-src: eval'), JSON.stringify(violations));
    assert.ok(s.errors.every((e) => /Content Security Policy/.test(e)), s.errors.join('\n'));
  } finally {
    await s.close();
  }
});
