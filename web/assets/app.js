// The AXL market page: plain JavaScript and SVG, no framework, no build.
// Public views read GET /public/…, GET /jobs and GET /intents/{id}/disputes;
// a buyer who signs in with its wallet (EIP-1193) signs each of its own
// requests with personal_sign, as every AXL client does: the server keeps
// no session and the page keeps no secret.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const STATES = ['funding', 'open', 'matched', 'running', 'verifying', 'disputed', 'released'];
const FINAL = new Set(['released', 'refunded', 'cancelled', 'failed']);
const DECIMALS = { USDC: 6, AI: 18 };
const COLORS = ['#3d5afe', '#e8590c', '#12875b', '#ae3ec9', '#1098ad', '#c62f3b', '#5c940d', '#f08c00'];

// el builds an element; children are nodes or text (never parsed as HTML).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  return fill(e, attrs, children);
}

function svg(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG, tag), attrs, children);
}

function fill(e, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v == null) continue;
    if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

// hashHex renders a hash the transcript wrote as bytes (a JSON array) as 0x hex.
const hashHex = (h) => (Array.isArray(h) ? '0x' + h.map((b) => b.toString(16).padStart(2, '0')).join('') : h);
const short = (h) => (h && h.length > 14 ? h.slice(0, 8) + '…' + h.slice(-4) : h || '');
const badge = (s, text) => el('span', { class: 'badge ' + s }, text || s.replace('_', ' '));

function amount(v, token) {
  if (v == null || v === '') return '';
  const d = DECIMALS[token] ?? 0;
  const n = BigInt(v);
  const unit = 10n ** BigInt(d);
  const frac = (n % unit).toString().padStart(d, '0').replace(/0+$/, '').slice(0, 6);
  return (n / unit).toLocaleString('en') + (frac ? '.' + frac : '') + ' ' + token;
}

function ago(iso) {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return Math.round(s) + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return new Date(iso).toLocaleDateString();
}

const clock = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour12: false });

async function getJSON(path, init) {
  const res = await fetch(path, init);
  if (!res.ok) {
    let detail = res.status + ' ' + res.statusText;
    try { detail = (await res.json()).detail || detail; } catch { /* not problem+json */ }
    throw new Error(detail);
  }
  return res.json();
}

// ---- the wallet: EIP-1193 sign-in and signed requests (DESIGN §4) ----

const wallet = { address: null };

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// signedFetch sends a GET signed by the wallet's account: personal_sign of
// "axl-request\n{METHOD}\n{path with query}\n{timestamp}\n{nonce}\n{hex sha256 of the body}".
async function signedFetch(path) {
  const ts = Math.floor(Date.now() / 1000);
  const nonce = hex(crypto.getRandomValues(new Uint8Array(16)));
  const bodyHash = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(0))));
  const msg = `axl-request\nGET\n${path}\n${ts}\n${nonce}\n${bodyHash}`;
  const sig = await window.ethereum.request({
    method: 'personal_sign', params: ['0x' + hex(new TextEncoder().encode(msg)), wallet.address],
  });
  const res = await fetch(path, {
    headers: {
      'X-AXL-Address': wallet.address, 'X-AXL-Timestamp': String(ts), 'X-AXL-Nonce': nonce,
      'X-AXL-Content-SHA256': bodyHash, 'X-AXL-Signature': sig,
    },
  });
  if (!res.ok) {
    let detail = res.status + ' ' + res.statusText;
    try { detail = (await res.json()).detail || detail; } catch { /* not problem+json */ }
    throw new Error(detail);
  }
  return res;
}

async function signIn() {
  const btn = document.getElementById('signin');
  if (wallet.address) {
    wallet.address = null;
    sessionStorage.removeItem('axl-address');
    return showWallet();
  }
  if (!window.ethereum) {
    btn.textContent = 'No wallet found';
    btn.disabled = true;
    return;
  }
  try {
    const [a] = await window.ethereum.request({ method: 'eth_requestAccounts' });
    wallet.address = a;
    sessionStorage.setItem('axl-address', a);
  } catch (e) {
    btn.title = e.message;
  }
  showWallet();
}

function showWallet() {
  const btn = document.getElementById('signin');
  btn.textContent = wallet.address ? short(wallet.address) + ' · sign out' : 'Sign in';
  btn.className = wallet.address ? 'ghost' : '';
  document.getElementById('nav-mine').hidden = !wallet.address;
  route();
}

// ---- routing: #/, #/mine, #/intents/{id}, #/intents/{id}/disputes ----

let stop = []; // what the current view must undo when it is left

function route() {
  for (const f of stop) f();
  stop = [];
  const view = document.getElementById('view');
  const [, what, id, sub] = location.hash.replace(/^#/, '').split('/');
  let page;
  if (what === 'intents' && /^0x[0-9a-fA-F]{64}$/.test(id || '')) page = sub === 'disputes' ? disputeView(id) : intentView(id);
  else if (what === 'mine') page = mineView();
  else page = marketView();
  view.replaceChildren(page);
  window.scrollTo(0, 0);
}

function every(ms, f) {
  f();
  const t = setInterval(f, ms);
  stop.push(() => clearInterval(t));
}

// ---- the market ----

function marketView() {
  const stats = el('div', { class: 'stats', id: 'stats' }, el('p', { class: 'muted' }, 'Loading…'));
  const jobs = el('div', { class: 'scroll' });
  const intents = el('div', { class: 'scroll' });
  const page = el('div', {},
    el('h1', {}, 'The market'),
    stats,
    el('section', { class: 'card', id: 'jobs' }, el('h2', {}, 'Open jobs'), jobs),
    el('section', { class: 'card', id: 'intents' }, el('h2', {}, 'Recent intents'), intents));
  every(3000, async () => {
    try {
      const [s, j, i] = await Promise.all([getJSON('/public/stats'), getJSON('/jobs?limit=20'), getJSON('/public/intents?limit=20')]);
      stats.replaceChildren(...statCards(s));
      jobs.replaceChildren(jobsTable(j.data));
      intents.replaceChildren(intentsTable(i.data));
    } catch (e) {
      stats.replaceChildren(el('p', { class: 'error' }, 'The server did not answer: ' + e.message));
    }
  });
  return page;
}

function statCards(s) {
  const total = Object.values(s.intents_by_state).reduce((a, b) => a + b, 0);
  const chips = Object.entries(s.intents_by_state).filter(([, n]) => n > 0).map(([st, n]) => badge(st, `${st} ${n}`));
  return [
    el('div', { class: 'stat' }, el('b', {}, total), el('span', {}, 'intents'), el('div', { class: 'chips' }, chips)),
    el('div', { class: 'stat' }, el('b', {}, s.workers), el('span', {}, 'workers registered')),
    el('div', { class: 'stat' }, el('b', {}, s.open_jobs), el('span', {}, 'open jobs')),
    el('div', { class: 'stat' }, el('b', {}, '#' + s.chain.head), el('span', {}, `chain ${s.chain.chain_id} head, as applied`)),
  ];
}

function jobsTable(list) {
  if (!list.length) return el('p', { class: 'muted' }, 'No job is waiting for workers right now.');
  return el('table', {},
    el('tr', {}, ['job', 'pay / slot', 'stake / slot', 'model'].map((h) => el('th', {}, h)),
      el('th', { class: 'hide-narrow' }, 'method'), el('th', {}, 'slots filled')),
    list.map((j) => {
      const hp = j.hyperparameters;
      const filled = j.slots - j.free_slots;
      return el('tr', {},
        el('td', {}, el('a', { href: '#/intents/' + j.id, class: 'mono' }, short(j.id))),
        el('td', {}, amount(j.pay_per_slot, j.token)),
        el('td', {}, amount(j.stake_per_slot, j.token)),
        el('td', {}, (j.model_size / 1048576).toFixed(1) + ' MiB'),
        el('td', { class: 'small hide-narrow' }, `${j.steps} steps · NoLoCo H=${hp.inner_steps} · AdamW lr ${hp.learning_rate} · ${hp.batch_size}×${hp.seq_len}`),
        el('td', {}, `${filled} / ${j.slots}`));
    }));
}

function intentsTable(list) {
  if (!list.length) return el('p', { class: 'muted' }, 'No intent yet.');
  return el('table', {},
    el('tr', {}, ['intent', 'state', 'price', 'slots'].map((h) => el('th', {}, h)),
      el('th', { class: 'hide-narrow' }, 'steps'), el('th', { class: 'hide-narrow' }, 'created')),
    list.map((i) => el('tr', { 'data-intent': i.id },
      el('td', {}, el('a', { href: '#/intents/' + i.id, class: 'mono' }, short(i.id))),
      el('td', {}, badge(i.state)),
      el('td', {}, amount(i.price, i.token)),
      el('td', {}, `${i.workers} × ${i.replicas}`),
      el('td', { class: 'hide-narrow' }, i.steps),
      el('td', { class: 'muted hide-narrow' }, ago(i.created_at)))));
}

// ---- the buyer's own intents ----

function mineView() {
  const body = el('div', { class: 'scroll' }, el('p', { class: 'muted' }, 'Asking your wallet to sign the request…'));
  const page = el('div', {}, el('h1', {}, 'My intents'), el('section', { class: 'card', id: 'mine' }, body));
  if (!wallet.address) {
    body.replaceChildren(el('p', {}, 'Sign in with your wallet to see your intents.'));
    return page;
  }
  signedFetch('/intents?limit=50').then((r) => r.json()).then((l) => {
    body.replaceChildren(l.data.length ? intentsTable(l.data.map((i) => ({ ...i, workers: i.spec.workers, replicas: i.spec.replicas, steps: i.spec.steps })))
      : el('p', { class: 'muted' }, 'You have no intent on this market.'));
  }).catch((e) => body.replaceChildren(el('p', { class: 'error' }, e.message)));
  return page;
}

// ---- an intent ----

function intentView(id) {
  const v = {
    id, detail: null, progress: new Map(), timeline: [], txSeen: new Map(), disputes: 0,
    head: el('div', {}), steps: el('ol', { class: 'steps' }), terms: el('dl', { class: 'kv' }),
    loss: el('div', { id: 'loss' }), validation: el('div', { id: 'validation' }), tps: el('div', { id: 'tps' }),
    slots: el('div', { class: 'scroll' }), outcome: el('section', { class: 'card outcome', id: 'outcome', hidden: true }),
    mine: el('section', { class: 'card notice', id: 'private', hidden: true }),
    dispute: el('section', { class: 'card notice', id: 'dispute-link', hidden: true }),
    events: el('ol', { class: 'timeline', id: 'timeline' }), chain: el('div', { class: 'scroll' }),
  };
  const page = el('div', {},
    v.head, v.steps, v.dispute, v.outcome, v.mine,
    el('div', { class: 'charts' },
      el('section', { class: 'card' }, el('h2', {}, 'Training loss, per slot'), v.loss),
      el('section', { class: 'card' }, el('h2', {}, 'Validation loss, per slot'), v.validation),
      el('section', { class: 'card' }, el('h2', {}, 'Tokens per second'), v.tps)),
    el('section', { class: 'card' }, el('h2', {}, 'Slots'), v.slots),
    el('section', { class: 'card' }, el('h2', {}, 'Terms'), v.terms),
    el('section', { class: 'card' }, el('h2', {}, 'Timeline'), v.events),
    el('section', { class: 'card' }, el('h2', {}, 'Escrow events on chain'), v.chain));
  v.head.replaceChildren(el('h1', {}, 'Intent ', el('span', { class: 'mono' }, short(id))));
  drawCharts(v);

  let pending = null;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(() => loadDetail(v), 300);
  };
  stop.push(() => clearTimeout(pending));
  every(5000, () => loadDetail(v));

  const es = new EventSource(`/public/intents/${id}/events`);
  stop.push(() => es.close());
  let frame = 0;
  const redraw = () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; drawCharts(v); if (v.detail) drawSlots(v, v.detail); });
  };
  es.onmessage = () => {};
  for (const type of ['state', 'job', 'slot', 'progress', 'revealed', 'transaction', 'dispute', 'cancel_requested']) {
    es.addEventListener(type, (m) => {
      const e = JSON.parse(m.data);
      if (type === 'progress') {
        addPoint(v, e);
        redraw();
        return;
      }
      addEvent(v, e);
      refresh();
    });
  }
  // A final intent's stream ends; reconnecting would only hear 204.
  es.onerror = () => { if (v.detail && FINAL.has(v.detail.state)) es.close(); };
  return page;
}

async function loadDetail(v) {
  let d;
  try {
    d = await getJSON('/public/intents/' + v.id);
  } catch (e) {
    v.head.replaceChildren(el('h1', {}, 'Intent ', el('span', { class: 'mono' }, short(v.id))), el('p', { class: 'error' }, e.message));
    return;
  }
  const first = !v.detail;
  v.detail = d;
  v.head.replaceChildren(el('h1', {}, 'Intent ', el('span', { class: 'mono', title: d.id }, short(d.id)), badge(d.state)));
  drawSteps(v.steps, d.state);
  v.terms.replaceChildren(...kv([
    ['id', el('span', { class: 'mono' }, d.id)],
    ['buyer', el('span', { class: 'mono' }, d.buyer)],
    ['price', amount(d.price, d.token)],
    ['stake per slot', amount(d.stake_per_slot, d.token)],
    ['swarm', `${d.workers} workers × ${d.replicas} replicas = ${d.workers * d.replicas} slots`],
    ['training', `${d.steps} steps, NoLoCo H=${d.hyperparameters.inner_steps}, AdamW lr ${d.hyperparameters.learning_rate}, batch ${d.hyperparameters.batch_size} × ${d.hyperparameters.seq_len} tokens`],
    ['model', (d.model_size / 1048576).toFixed(2) + ' MiB'],
    ['deadline', new Date(d.deadline).toLocaleString()],
  ]));
  drawSlots(v, d);
  drawCharts(v); // the legend names each slot's place once the record tells it
  drawOutcome(v, d);
  drawChain(v, d);
  drawEvents(v);
  const disputed = d.chain_events.some((e) => e.name === 'Disputed') || v.disputes > 0 || d.state === 'disputed';
  v.dispute.hidden = !disputed;
  if (disputed) {
    v.dispute.replaceChildren(el('h2', {}, 'The replicas disagreed'),
      el('p', {}, 'The referee settled it by bisection over both traces. ',
        el('a', { href: `#/intents/${v.id}/disputes`, id: 'to-dispute' }, 'See the dispute drawn →')));
  }
  if (wallet.address && wallet.address.toLowerCase() === d.buyer.toLowerCase() && (first || v.mine.hidden || FINAL.has(d.state) && !v.mineFinal)) {
    drawPrivate(v, d);
  }
}

function kv(rows) {
  return rows.flatMap(([k, val]) => [el('dt', {}, k), el('dd', {}, val)]);
}

function drawSteps(ol, state) {
  const path = state === 'disputed' || STATES.indexOf(state) < 0 ? STATES : STATES.filter((s) => s !== 'disputed');
  const at = path.indexOf(state);
  const items = path.map((s, i) => el('li', { class: i < at ? 'done' : i === at ? 'now' : '' }, s));
  if (at < 0) items.push(el('li', { class: 'now bad' }, state));
  ol.replaceChildren(...items);
}

function slotLabel(d, n) {
  const s = d && d.slots.find((x) => x.slot === n);
  return s && d.state !== 'open' && d.state !== 'matched' ? `slot ${n} · replica ${s.replica} rank ${s.rank}` : `slot ${n}`;
}

function drawSlots(v, d) {
  if (!d.slots.length) {
    v.slots.replaceChildren(el('p', { class: 'muted' }, 'The job is made once the funding is on chain.'));
    return;
  }
  const staked = new Map(d.chain_events.filter((e) => e.name === 'Staked').map((e) => [e.data.slot, e.data.amount]));
  v.slots.replaceChildren(el('table', { id: 'slots-table' },
    el('tr', {}, ['slot', 'worker', 'replica', 'rank', 'state', 'staked', 'step', 'loss', 'validation', 'committed', 'revealed'].map((h) => el('th', {}, h))),
    d.slots.map((s) => el('tr', {},
      el('td', {}, s.slot),
      el('td', { class: 'mono' }, s.worker ? short(s.worker) : '—'),
      el('td', {}, s.replica), el('td', {}, s.rank),
      el('td', {}, badge(s.state)),
      el('td', {}, staked.has(s.slot) ? amount(staked.get(s.slot), d.token) : '—'),
      el('td', {}, latest(v, s) ? latest(v, s).step : '—'),
      el('td', {}, latest(v, s) ? latest(v, s).loss.toFixed(4) : '—'),
      el('td', {}, latest(v, s) ? (latest(v, s).validation_loss ?? 0).toFixed(4) : '—'),
      el('td', {}, s.committed ? '✓' : '—'),
      el('td', { class: 'mono' }, s.trace_root ? (s.partial ? 'partial ' : '') + short(s.trace_root) : '—')))));
}

// latest is a slot's newest progress: the stream's or the record's.
function latest(v, s) {
  const pts = v.progress.get(s.slot);
  const p = pts && pts[pts.length - 1];
  return p && (!s.progress || p.step >= s.progress.step) ? p : s.progress;
}

function drawOutcome(v, d) {
  if (!d.result && !d.payouts.length) {
    v.outcome.hidden = true;
    return;
  }
  v.outcome.hidden = false;
  const rows = [];
  if (d.result) {
    rows.push(['weights sha256', el('span', { class: 'mono', id: 'weights-sha' }, d.result.weights_sha256)]);
    rows.push(['result tx', el('span', { class: 'mono' }, d.result.tx)]);
    if (d.result.validation_loss != null) {
      rows.push(['final validation loss', el('span', { id: 'validation-loss' }, d.result.validation_loss.toFixed(4) + ' (as the delivering workers report it)')]);
    }
    if (d.result.release_tx) {
      const rel = d.chain_events.find((e) => e.name === 'Released');
      rows.push(['release tx', el('span', { class: 'mono' }, d.result.release_tx + (rel ? ` (block ${rel.block})` : ''))]);
    }
  }
  const title = d.state === 'released' ? 'Released: the weights are verified and paid for'
    : d.state === 'refunded' ? 'Refunded' : 'Result submitted: the challenge window is open';
  v.outcome.replaceChildren(el('h2', {}, title), el('dl', { class: 'kv' }, kv(rows)),
    d.payouts.length ? el('div', { class: 'scroll' }, el('table', { id: 'payouts' },
      el('tr', {}, ['', 'slot', 'account', 'amount', 'block'].map((h) => el('th', {}, h))),
      d.payouts.map((p) => el('tr', { 'data-kind': p.kind },
        el('td', {}, badge(p.kind)), el('td', {}, p.slot ?? 'buyer'),
        el('td', { class: 'mono' }, short(p.account) || short(d.buyer)),
        el('td', {}, amount(p.amount, d.token)), el('td', {}, p.block))))) : '');
}

function drawChain(v, d) {
  if (!d.chain_events.length) {
    v.chain.replaceChildren(el('p', { class: 'muted' }, 'Nothing on chain yet.'));
    return;
  }
  v.chain.replaceChildren(el('table', {},
    el('tr', {}, ['block', 'event', 'transaction', 'detail'].map((h) => el('th', {}, h))),
    d.chain_events.map((e) => el('tr', {},
      el('td', {}, e.block), el('td', {}, e.name), el('td', { class: 'mono' }, short(e.tx)),
      el('td', { class: 'small wrap' }, chainDetail(e, d.token))))));
}

function chainDetail(e, token) {
  const x = e.data;
  switch (e.name) {
    case 'Funded': return `${amount(x.amount, token)} locked by ${short(x.buyer)}`;
    case 'Staked': return `slot ${x.slot}: ${short(x.worker)} staked ${amount(x.amount, token)}`;
    case 'Assigned': return `replicas drawn from seed ${short(x.seed)}`;
    case 'ResultSubmitted': return `weights ${short(x.weights_hash)}, trace root ${short(x.trace_root)}`;
    case 'Disputed': return `by ${short(x.by)}`;
    case 'Resolved': return `losing slots mask ${x.losing_mask}`;
    case 'Released': return `weights ${short(x.weights_hash)}, fee ${amount(x.fee, token)}`;
    case 'Paid': case 'Slashed': case 'StakeReturned': return `slot ${x.slot}: ${short(x.worker)}, ${amount(x.amount, token)}`;
    case 'Refunded': return amount(x.amount, token);
    default: return '';
  }
}

function addEvent(v, e) {
  const d = e.data || {};
  if (e.type === 'transaction') {
    // One line per transaction, from its first hash on, showing its latest
    // status; one not sent yet shows only when it fails.
    const seen = d.hash && v.txSeen.get(d.hash);
    if (seen) {
      Object.assign(seen, { status: d.status, error: d.error });
      drawEvents(v);
      return;
    }
    if (!d.hash && d.status !== 'failed' && d.status !== 'abandoned') return;
    const item = { seq: e.seq, at: e.created_at, type: 'transaction', kind: d.kind, status: d.status, hash: d.hash, error: d.error };
    if (d.hash) v.txSeen.set(d.hash, item);
    v.timeline.push(item);
  } else {
    if (e.type === 'dispute') v.disputes++;
    v.timeline.push({ seq: e.seq, at: e.created_at, type: e.type, state: e.state, data: d });
  }
  drawEvents(v);
}

function drawEvents(v) {
  const blocks = new Map((v.detail ? v.detail.transactions : []).filter((t) => t.hash).map((t) => [t.hash, t.block]));
  v.events.replaceChildren(...v.timeline.slice().reverse().map((t) => el('li', { 'data-type': t.type },
    el('time', {}, clock(t.at)), el('div', {}, eventText(t, blocks)))));
}

function eventText(t, blocks) {
  const d = t.data || {};
  switch (t.type) {
    case 'state': return [d.from ? `${d.from} → ` : 'created: ', badge(t.state), d.reason ? el('div', { class: 'small error' }, d.reason) : null];
    case 'transaction': return [`${t.kind.replace('_', ' ')} transaction `, badge(t.status), ' ',
      t.hash ? el('span', { class: 'mono' }, short(t.hash)) : null,
      blocks.get(t.hash) ? ` in block ${blocks.get(t.hash)}` : '',
      t.error ? el('div', { class: 'small error' }, t.error) : null];
    case 'job': return `job made: ${d.slots} slots listed for workers`;
    case 'slot': return `slot ${d.slot} ${d.state}: ${short(d.worker)}`;
    case 'revealed': return `slot ${d.slot} revealed ${d.partial ? 'a partial trace' : 'its trace'}: ${d.leaves} leaves, root ${short(d.trace_root)}`;
    case 'dispute': return ['dispute ', d.id, ' (rank ', d.rank, ', slots ', (d.slots || []).join(' vs '), ') ', badge(d.state === 'ruled' ? 'ok' : 'disputed', d.state)];
    case 'cancel_requested': return 'the buyer asked to cancel';
    default: return t.type;
  }
}

function addPoint(v, e) {
  const d = e.data;
  if (!v.progress.has(d.slot)) v.progress.set(d.slot, []);
  const pts = v.progress.get(d.slot);
  const p = { step: d.step, loss: d.loss, validation_loss: d.validation_loss ?? 0, tps: d.tokens_per_second };
  // A second report of a step is the one after the run: the validation
  // loss of the weights the worker delivers.
  if (pts.length && pts[pts.length - 1].step === d.step) pts[pts.length - 1] = p;
  else pts.push(p);
}

function drawCharts(v) {
  v.loss.replaceChildren(lineChart(v, 'loss', 'loss'));
  v.validation.replaceChildren(lineChart(v, 'validation_loss', 'validation loss'));
  v.tps.replaceChildren(lineChart(v, 'tps', 'tokens/s'));
}

// lineChart draws one line per slot of field against the step, with its axes.
function lineChart(v, field, label) {
  const W = 560, H = 260, L = 46, R = 12, T = 12, B = 30;
  const series = [...v.progress.entries()].sort((a, b) => a[0] - b[0]);
  const all = series.flatMap(([, p]) => p);
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label + ' by step', 'data-points': all.length });
  if (!all.length) {
    chart.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'waiting for the workers’ first progress reports…'));
    return el('div', {}, chart);
  }
  const maxStep = Math.max(v.detail ? v.detail.steps : 1, ...all.map((p) => p.step), 1);
  let lo = Math.min(...all.map((p) => p[field])), hi = Math.max(...all.map((p) => p[field]));
  if (hi - lo < 1e-9) { hi += 0.5; lo -= 0.5; }
  const pad = (hi - lo) * 0.08;
  lo -= pad; hi += pad;
  if (field === 'tps') lo = Math.max(0, lo);
  const x = (s) => L + (s / maxStep) * (W - L - R);
  const y = (val) => T + (1 - (val - lo) / (hi - lo)) * (H - T - B);
  for (let i = 0; i <= 4; i++) {
    const val = lo + ((hi - lo) * i) / 4;
    chart.append(svg('line', { class: 'grid', x1: L, x2: W - R, y1: y(val), y2: y(val) }),
      svg('text', { x: L - 6, y: y(val) + 4, 'text-anchor': 'end' }, val >= 100 ? val.toFixed(0) : val.toFixed(2)));
  }
  for (let i = 0; i <= 4; i++) {
    const s = Math.round((maxStep * i) / 4);
    chart.append(svg('text', { x: x(s), y: H - 10, 'text-anchor': 'middle' }, s));
  }
  chart.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }),
    svg('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }),
    svg('text', { x: W - R, y: H - B - 6, 'text-anchor': 'end' }, 'step'));
  for (const [slot, pts] of series) {
    const c = COLORS[slot % COLORS.length];
    const line = svg('polyline', { stroke: c, points: pts.map((p) => `${x(p.step).toFixed(1)},${y(p[field]).toFixed(1)}`).join(' ') });
    chart.append(line);
    const last = pts[pts.length - 1];
    chart.append(svg('circle', { cx: x(last.step), cy: y(last[field]), r: 3, fill: c },
      svg('title', {}, `${slotLabel(v.detail, slot)}: step ${last.step}, ${label} ${last[field].toFixed(4)}`)));
  }
  const legend = el('div', { class: 'legend' }, series.map(([slot, pts]) => el('span', {},
    el('i', { style: false, 'data-c': slot }), `${slotLabel(v.detail, slot)} · ${pts[pts.length - 1][field].toFixed(field === 'tps' ? 0 : 3)}`)));
  for (const i of legend.querySelectorAll('i')) i.style.background = COLORS[Number(i.dataset.c) % COLORS.length];
  return el('div', {}, chart, legend);
}

async function drawPrivate(v, d) {
  v.mineFinal = FINAL.has(d.state);
  v.mine.hidden = false;
  v.mine.replaceChildren(el('h2', {}, 'Your intent'), el('p', { class: 'muted' }, 'Asking your wallet to sign the request…'));
  try {
    const mine = await (await signedFetch('/intents/' + v.id)).json();
    const rows = [['base model', el('span', { class: 'mono' }, mine.spec.base_model)],
      ['dataset', el('span', { class: 'mono' }, mine.spec.dataset)], ['seed', mine.spec.seed]];
    const parts = [el('h2', {}, 'Your intent'), el('dl', { class: 'kv' }, kv(rows))];
    if (d.state === 'released') {
      const status = el('span', { class: 'small muted' });
      parts.push(el('p', {}, el('button', { id: 'download', type: 'button', on: { click: () => download(v.id, status) } }, 'Download the verified weights'), ' ', status));
    }
    v.mine.replaceChildren(...parts);
  } catch (e) {
    v.mine.replaceChildren(el('h2', {}, 'Your intent'), el('p', { class: 'error' }, e.message));
  }
}

// download fetches the weights with a signed request and hands them to the
// browser as a file, after checking their sha256 against the header the
// server sends (the weightsHash of the on-chain Released event).
async function download(id, status) {
  status.textContent = 'signing…';
  try {
    const res = await signedFetch(`/intents/${id}/weights`);
    const body = await res.arrayBuffer();
    const sum = hex(new Uint8Array(await crypto.subtle.digest('SHA-256', body)));
    if (sum !== res.headers.get('X-AXL-Weights-SHA256')) throw new Error('the file does not hash to the released weights');
    const a = el('a', { href: URL.createObjectURL(new Blob([body])), download: `weights-${id}.safetensors` });
    document.body.append(a);
    a.click();
    a.remove();
    status.textContent = `sha256 ${short(sum)} checked`;
  } catch (e) {
    status.textContent = e.message;
  }
}

// ---- a dispute: the bisection drawn ----

function disputeView(id) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  const page = el('div', {},
    el('h1', {}, 'Dispute of intent ', el('a', { href: '#/intents/' + id, class: 'mono' }, short(id))),
    el('section', { class: 'card explain' },
      el('p', {}, 'Two replicas trained the same job on the same data with the same seed. Training is bit-for-bit reproducible, ',
        'so honest replicas end with identical traces: the hash of every training step and gossip message, combined into one Merkle root.'),
      el('p', {}, 'Their roots differ. Instead of re-running the whole job, the referee asks both sides for the two halves of their trace, ',
        'keeps the half where they first disagree, and repeats: each round halves the range, until one step is left. ',
        'Inside that step it does the same over the list of operators, then recomputes that single operator itself.')),
    body);
  Promise.all([getJSON(`/intents/${id}/disputes`), getJSON('/public/intents/' + id)]).then(([l, d]) => {
    body.replaceChildren(...(l.disputes.length ? l.disputes.map((x) => drawDispute(x, d)) : [el('p', { class: 'card' }, 'This intent has no dispute.')]));
  }).catch((e) => body.replaceChildren(el('p', { class: 'error card' }, e.message)));
  return page;
}

function drawDispute(x, d) {
  const t = x.transcript || {};
  const slotOf = (side) => (x.slots || [])[side];
  const who = (side) => {
    const n = slotOf(side);
    const s = d.slots.find((q) => q.slot === n);
    return `slot ${n}` + (s ? ` (replica ${s.replica}, ${short(s.worker)})` : '');
  };
  const title = (x.slots || []).length === 1
    ? `Spot check ${x.id}: ${who(0)} stands alone, so the referee recomputes random steps of its trace `
    : `Dispute ${x.id}, rank ${x.rank}: ${who(0)} against ${who(1)} `;
  const sec = el('section', { class: 'card dispute', 'data-dispute': x.id },
    el('h2', {}, title, badge(x.state === 'ruled' ? 'ok' : 'disputed', x.state)));
  drawGame(sec, t, who, d);
  const ruling = x.ruling;
  sec.append(el('h2', { class: 'sub' }, 'Ruling'));
  if (!ruling) sec.append(el('p', { class: 'muted' }, 'The referee is still playing the game.'));
  else {
    const guilty = ruling.guilty_slots || [];
    guilty.forEach((n, i) => {
      const s = d.slots.find((q) => q.slot === n);
      sec.append(el('div', { class: 'verdict' }, el('b', {}, `Guilty: slot ${n}`),
        s ? ` (replica ${s.replica} rank ${s.rank}, ${short(s.worker)})` : '', el('div', { class: 'small' }, (ruling.reasons || [])[i] || '')));
    });
    if (ruling.failed) sec.append(el('div', { class: 'verdict' }, el('b', {}, 'The referee could not rule: '), ruling.failed));
    else if (!guilty.length) sec.append(el('div', { class: 'verdict cleared' }, 'Nobody was convicted: the slot’s work checks out.'));
    const slashed = d.payouts.filter((p) => p.kind === 'slashed' && guilty.includes(p.slot));
    if (slashed.length) sec.append(el('p', { class: 'small' }, 'On chain: ', slashed.map((p) => `slot ${p.slot} slashed ${amount(p.amount, d.token)}`).join('; '), '.'));
  }
  sec.append(el('p', { class: 'small muted' }, `Cost: ${t.rounds ?? '?'} questions, ${(t.bytes ?? 0).toLocaleString('en')} bytes of answers, `,
    `${Number(t.flops || 0).toExponential(2)} FLOPs recomputed, against a full re-run of the job.`));
  return sec;
}

// drawGame draws one game of a transcript into sec: the roots, the
// bisections, the operator recomputed, the checks; a gossip sender's own
// game first, when the game had to settle it.
function drawGame(sec, t, who, d) {
  if (t.sender) {
    const place = (p) => {
      const s = p && d.slots.find((q) => q.replica === p.replica && q.rank === p.rank);
      return s ? `slot ${s.slot} (replica ${s.replica}, ${short(s.worker)})` : p ? `replica ${p.replica} rank ${p.rank}` : '?';
    };
    const inner = el('div', { class: 'card sender' }, el('h2', { class: 'sub' },
      'First, the game of the gossip message’s sender, whose state must back what it sent'));
    drawGame(inner, t.sender, (side) => place((t.sender.slots || [])[side]), d);
    sec.append(inner, el('h2', { class: 'sub' }, 'Then, this dispute’s own game'));
  }
  if (t.roots) {
    sec.append(el('dl', { class: 'kv' }, kv([
      ['A’s trace root', el('span', { class: 'mono' }, `${t.roots[0]} (${t.leaves[0]} leaves)`)],
      ['B’s trace root', el('span', { class: 'mono' }, `${t.roots[1]} (${t.leaves[1]} leaves)`)]])));
  }
  if (t.trace && t.trace.rounds) {
    sec.append(el('h2', { class: 'sub' }, `1. Bisection over the traces: ${t.trace.rounds.length} rounds`),
      bisection(t.trace, Math.max(...(t.leaves || [1])), 'leaf', t.leaf ? `leaf ${t.leaf.index}: step ${t.leaf.step}, ${t.leaf.kind}` : null));
  }
  if (t.leaf) {
    const gossip = t.leaf.kind === 'sent' || t.leaf.kind === 'received';
    sec.append(el('p', { class: 'small' }, `First diverging leaf: #${t.leaf.index}, a ${t.leaf.kind} record of inner step ${t.leaf.step}. `,
      'A: ', el('span', { class: 'mono' }, short(t.leaf.a)), ', B: ', el('span', { class: 'mono' }, short(t.leaf.b)), '. ',
      gossip ? 'It is a gossip message of NoLoCo’s outer step: the referee checks it against the states its sender committed to, '
        + 'so a worker that sends a Δ its own training does not back is caught without recomputing anything.'
        : 'It is the state after a training step: the referee looks inside that step, operator by operator.'));
  }
  if (t.ops && t.ops.rounds) {
    sec.append(el('h2', { class: 'sub' }, `2. Bisection over the step’s ${t.op_count} operators: ${t.ops.rounds.length} rounds`),
      bisection(t.ops, t.op_count || 1, 'operator', t.op ? `operator ${t.op.index}: ${t.op.name}` : null));
  }
  if (t.op) {
    const losers = new Set(t.op.losers || []);
    sec.append(el('h2', { class: 'sub' }, '3. The operator recomputed'),
      el('p', {}, `The referee ran operator #${t.op.index}, `, el('b', {}, t.op.name), ` (${t.op.kind}), on the ${t.op.inputs.length} inputs both sides agree on` +
        (t.op.recomputed && t.op.recomputed.length ? ', and got ' : '.'),
      t.op.recomputed && t.op.recomputed.length ? el('span', { class: 'mono' }, t.op.recomputed.map(short).join(', ')) : null),
      el('ul', {}, [0, 1].map((side) => el('li', {}, `${side ? 'B' : 'A'} (${who(side)}): `,
        losers.has(side) ? badge('guilty', 'wrong') : badge('ok', 'matches'),
        t.op.reasons && t.op.reasons[side] ? ' ' + t.op.reasons[side] : ''))));
  }
  const faults = [...((t.trace && t.trace.faults) || []), ...((t.ops && t.ops.faults) || [])];
  for (const f of faults) sec.append(el('p', { class: 'small error' }, `${f.side ? 'B' : 'A'} broke the rules: ${f.reason}`));
  if (t.steps && t.checks) {
    sec.append(el('h2', { class: 'sub' }, `Steps recomputed: ${t.steps.join(', ')}`),
      el('p', { class: 'small' }, 'Each from the checkpoint the slot committed before it; the state after must hash to what the slot committed.'),
      el('ul', { class: 'small' }, t.checks.map((c) => el('li', {}, `step ${c.step}: `,
        c.ok ? badge('ok', 'matches') : badge('guilty', 'differs'), ' ', el('span', { class: 'mono' }, short(hashHex(c.got)))))));
  } else if (t.checks) {
    const bad = t.checks.filter((c) => !c.ok);
    sec.append(el('p', { class: 'small muted' }, `The referee checked ${t.checks.length} hashes of the parties’ proofs`,
      bad.length ? `; ${bad.length} did not hold:` : ': all consistent.'));
    if (bad.length) {
      sec.append(el('ul', { class: 'small' }, bad.map((c) => el('li', {}, c.what, ': want ', el('span', { class: 'mono' }, short(hashHex(c.want))),
        ', got ', el('span', { class: 'mono' }, short(hashHex(c.got)))))));
    }
  }
}

// bisection draws a game's descent: one row per round, the range asked
// about split in two halves, the half where both sides agree in green and
// the half they first differ on, which the next round narrows, in red.
function bisection(o, n, unit, last) {
  const W = 900, row = 24, L = 70, R = 10;
  const rounds = o.rounds;
  const H = (rounds.length + 2) * row + 8;
  const x = (i) => L + (i / n) * (W - L - R);
  const g = svg('svg', { class: 'bisect', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `bisection over ${n} ${unit === 'leaf' ? 'leaves' : unit + 's'}`, 'data-rounds': rounds.length });
  g.append(svg('rect', { class: 'range', x: x(0), y: 4, width: x(n) - x(0), height: row - 8, rx: 3 }),
    svg('text', { x: 4, y: row / 2 + 4 }, `${n} ${unit === 'leaf' ? 'leaves' : unit + 's'}`));
  rounds.forEach((r, i) => {
    const y = (i + 1) * row + 4;
    const mid = split(r.lo, r.hi);
    const leftDiffers = r.descend === 'left';
    g.append(svg('text', { x: 4, y: y + row / 2 }, `round ${i + 1}`),
      svg('rect', { class: leftDiffers ? 'differ' : 'agree', x: x(r.lo), y, width: Math.max(1, x(mid) - x(r.lo)), height: row - 8, rx: 3 },
        svg('title', {}, `${r.lo}–${mid - 1}: A ${short(r.a[0])}, B ${short(r.b[0])}`)),
      svg('rect', { class: leftDiffers ? 'range' : 'differ', x: x(mid), y, width: Math.max(1, x(r.hi) - x(mid)), height: row - 8, rx: 3 },
        svg('title', {}, `${mid}–${r.hi - 1}: A ${short(r.a[1])}, B ${short(r.b[1])}`)));
    const lbl = `${r.lo}–${r.hi - 1}`;
    g.append(svg('text', { x: Math.min(x(r.hi) + 4, W - R - 40), y: y + row / 2, 'text-anchor': x(r.hi) + 44 > W ? 'end' : 'start' }, x(r.hi) + 44 > W ? '' : lbl));
  });
  const idx = o.index ?? -1;
  if (idx >= 0) {
    const y = (rounds.length + 1) * row + 4;
    g.append(svg('rect', { class: 'leaf', x: x(idx) - 2, y: 4, width: Math.max(4, x(idx + 1) - x(idx)), height: y + row - 12, opacity: 0.25 }),
      svg('text', { x: 4, y: y + row / 2 }, 'diverges'),
      svg('text', { x: Math.min(Math.max(x(idx), L + 4), W - R), y: y + row / 2, 'text-anchor': x(idx) > W / 2 ? 'end' : 'start', 'font-weight': 700 }, last || `${unit} ${idx}`));
  }
  return el('div', { class: 'scroll' }, g);
}

// split is verde.Split: the left half of [lo, hi) holds the largest power
// of two below hi − lo.
function split(lo, hi) {
  let p = 1;
  while (p * 2 < hi - lo) p *= 2;
  return lo + p;
}

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('signin').addEventListener('click', signIn);
  const saved = sessionStorage.getItem('axl-address');
  if (saved && window.ethereum) wallet.address = saved;
  showWallet();
});
