// The web page's end-to-end run, driven by web/e2e's Go test against a
// running `axl demo --cheat …`: node browser.mjs BASE_URL OUT_DIR BUYER_KEY.
// It opens the market while the job runs, follows the intent's page as the
// loss chart gains points, waits for the released state and the payouts
// without a reload, opens the dispute's bisection, signs in as the buyer
// with an EIP-1193 wallet (ethers, personal_sign) and downloads the
// weights, then looks at each view 360 px wide. It prints one JSON line of
// figures and fails on any console error.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { Wallet, getBytes } from 'ethers';

const [base, out, buyerKey] = process.argv.slice(2);
const wallet = new Wallet(buyerKey);
const errors = [];
const figures = {};
const fail = (msg) => { throw new Error(msg); };

// clean fails when a view shows what a renderer left unfilled.
async function clean(page, name) {
  const text = await page.evaluate(() => document.body.innerText);
  for (const bad of ['undefined', 'null', 'NaN']) {
    if (new RegExp(`\\b${bad}\\b`).test(text)) fail(`the ${name} view shows "${bad}"`);
  }
  if (text.includes('[object ')) fail(`the ${name} view shows "[object …]"`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // The wallet: an EIP-1193 provider whose key stays in this process.
  await ctx.exposeFunction('__axlSign', async (hexMsg) => wallet.signMessage(getBytes(hexMsg)));
  await ctx.addInitScript((address) => {
    window.ethereum = {
      async request({ method, params }) {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
        if (method === 'personal_sign') {
          if (params[1].toLowerCase() !== address.toLowerCase()) throw new Error('unknown account');
          return window.__axlSign(params[0]);
        }
        throw new Error('unsupported ' + method);
      },
    };
  }, wallet.address);
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));

  // The first view: every byte the market page loads, headers included.
  const loads = [];
  page.on('requestfinished', (r) => loads.push(r));
  await page.goto(base + '/', { waitUntil: 'networkidle' });
  await page.waitForSelector('#stats .stat');
  let bytes = 0;
  for (const r of loads) {
    const s = await r.sizes();
    bytes += s.responseBodySize + s.responseHeadersSize;
  }
  figures.first_view_bytes = bytes;
  figures.first_view_requests = loads.length;
  await page.evaluate(() => { window.__sameDocument = true; });

  // The demo's intent appears among the recent intents; open it.
  const link = await page.waitForSelector('#intents tr[data-intent] a', { timeout: 120_000 });
  figures.intent = await link.textContent();
  await page.screenshot({ path: `${out}/market.png`, fullPage: true });
  await clean(page, 'market');
  await link.click();
  await page.waitForSelector('#loss svg');
  const points = () => page.$eval('#loss svg', (s) => Number(s.dataset.points));
  await page.waitForFunction(() => Number(document.querySelector('#loss svg')?.dataset.points) > 0, null, { timeout: 180_000 });
  const first = await points();
  await page.waitForFunction((n) => Number(document.querySelector('#loss svg')?.dataset.points) > n, first, { timeout: 180_000 });
  figures.loss_points_first = first;
  figures.loss_points_then = await points();
  await page.screenshot({ path: `${out}/intent-running.png`, fullPage: true });
  await clean(page, 'running intent');

  // Released, paid and slashed, without a reload.
  await page.waitForSelector('h1 .badge.released', { timeout: 300_000 });
  await page.waitForSelector('#payouts tr[data-kind="paid"]', { timeout: 60_000 });
  await page.waitForSelector('#payouts tr[data-kind="slashed"]', { timeout: 60_000 });
  figures.loss_points_final = await points();
  figures.validation_points = await page.$eval('#validation svg', (s) => Number(s.dataset.points));
  figures.final_validation = await page.waitForSelector('#validation-loss', { timeout: 60_000 }).then((e) => e.textContent());
  figures.paid = await page.$$eval('#payouts tr[data-kind="paid"]', (l) => l.length);
  figures.slashed = await page.$$eval('#payouts tr[data-kind="slashed"]', (l) => l.length);
  const weightsSHA = await page.textContent('#weights-sha');
  if (!(await page.evaluate(() => window.__sameDocument))) fail('the page was reloaded');
  await page.screenshot({ path: `${out}/intent-released.png`, fullPage: true });
  await clean(page, 'released intent');
  figures.timeline_transactions = await page.$$eval('#timeline li[data-type="transaction"]', (l) => l.filter((li) => / in block \d+/.test(li.textContent)).length);
  if (figures.timeline_transactions === 0) fail('the timeline shows no transaction with its block');

  // The dispute, its bisection drawn.
  await page.click('#to-dispute');
  await page.waitForSelector('svg.bisect[data-rounds]');
  figures.bisection_rounds = await page.$$eval('svg.bisect', (l) => l.map((s) => Number(s.dataset.rounds)));
  if (!figures.bisection_rounds.some((n) => n > 0)) fail('no bisection round drawn');
  figures.verdicts = await page.$$eval('.verdict', (l) => l.map((v) => v.textContent));
  await page.screenshot({ path: `${out}/dispute.png`, fullPage: true });
  await clean(page, 'dispute');

  // The buyer's private view: sign in, its intents, the weights.
  await page.click('#signin');
  await page.click('#nav-mine');
  await page.waitForSelector('#mine tr[data-intent]');
  figures.my_intents = await page.$$eval('#mine tr[data-intent]', (l) => l.length);
  await page.click('#mine tr[data-intent] a');
  const dl = page.waitForEvent('download');
  await (await page.waitForSelector('#download')).click();
  const file = await (await dl).path();
  const sum = createHash('sha256').update(await readFile(file)).digest('hex');
  if (sum !== weightsSHA.trim()) fail(`downloaded weights hash to ${sum}, the page shows ${weightsSHA}`);
  figures.weights_sha256 = sum;
  await page.screenshot({ path: `${out}/intent-signed-in.png`, fullPage: true });
  if (!(await page.evaluate(() => window.__sameDocument))) fail('the page was reloaded');

  // 360 px wide: nothing wider than the screen.
  const narrow = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
  const m = await narrow.newPage();
  m.on('console', (msg) => { if (msg.type() === 'error') errors.push('360px: ' + msg.text()); });
  m.on('pageerror', (e) => errors.push('360px: ' + e.message));
  figures.narrow_overflow = {};
  const id = await page.evaluate(() => location.hash.split('/')[2]);
  for (const [name, hash, ready] of [['market', '#/', '#intents tr[data-intent]'],
    ['intent', `#/intents/${id}`, '#payouts'], ['dispute', `#/intents/${id}/disputes`, 'svg.bisect']]) {
    await m.goto(`${base}/${hash}`);
    await m.waitForSelector(ready, { timeout: 30_000 });
    await m.waitForTimeout(300);
    const over = await m.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    figures.narrow_overflow[name] = over;
    if (over > 0) fail(`the ${name} view is ${over} px wider than 360 px`);
    await m.screenshot({ path: `${out}/${name}-360.png`, fullPage: true });
  }
} finally {
  await browser.close();
}
figures.console_errors = errors;
console.log(JSON.stringify(figures));
if (errors.length) {
  console.error('console errors:\n' + errors.join('\n'));
  process.exit(1);
}
