// An independent client of the AXL market API, written with ethers 6 only:
// it signs requests (EIP-191), uploads, quotes, signs both typed-data
// documents as they come (EIP-712) and creates an intent, checking the
// intent id and the spec hash itself; then it tries the forgeries the
// server must refuse. Usage: node client.mjs <base URL> <model file> (a GPT-2
// safetensors file the workers load). It prints one JSON
// line for the Go test: what it saw, and a signed intent it did not submit.
import { AbiCoder, TypedDataEncoder, Wallet, getBytes, hexlify, keccak256, randomBytes, sha256, toUtf8Bytes } from "ethers";
import { readFileSync } from "node:fs";

const base = process.argv[2];
const buyer = Wallet.createRandom();
const mallory = Wallet.createRandom();
const seen = {};

function fail(msg) {
  console.error("client: " + msg);
  process.exit(1);
}

async function call(wallet, method, path, body, { contentType = "application/json", headers = {}, timestamp } = {}) {
  const bytes = body === undefined ? new Uint8Array() : typeof body === "string" ? toUtf8Bytes(body) : body;
  const ts = timestamp ?? Math.floor(Date.now() / 1000);
  // A fresh random nonce for every request (DESIGN §4): signing is
  // deterministic, so two identical calls in one second differ only by it.
  const nonce = hexlify(randomBytes(16)).slice(2);
  const bodySHA256 = sha256(bytes).slice(2);
  const message = `axl-request\n${method}\n${path}\n${ts}\n${nonce}\n${bodySHA256}`;
  const h = {
    "X-AXL-Address": wallet.address,
    "X-AXL-Timestamp": String(ts),
    "X-AXL-Nonce": nonce,
    "X-AXL-Content-SHA256": bodySHA256,
    "X-AXL-Signature": await wallet.signMessage(message),
    ...headers,
  };
  if (bytes.length > 0) h["Content-Type"] = contentType;
  const init = { method, headers: h, body: bytes.length > 0 ? bytes : undefined };
  const res = await fetch(base + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null, init };
}

function expect(res, status, what) {
  if (res.status !== status) fail(`${what}: status ${res.status}, want ${status}: ${JSON.stringify(res.json)}`);
  seen[what] = res.status;
  return res.json;
}

// A small GPT-2 model that the workers load, written by the Go test.
const model = new Uint8Array(readFileSync(process.argv[3]));

const m = expect(await call(buyer, "POST", "/artifacts", model, { contentType: "application/vnd.safetensors" }), 201, "upload model");
if (m.id !== "sha256:" + sha256(model).slice(2)) fail("artifact id is not the sha256 of the bytes");
// Long enough that each worker's shard holds a sequence of the default length.
const d = expect(await call(buyer, "POST", "/artifacts", '{"text":"hello"}\n'.repeat(20), { contentType: "application/jsonl" }), 201, "upload dataset");

const deadline = new Date(Date.now() + 72 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, "Z");
// The $AI job is a LoRA fine-tune, the USDC one a full fine-tune.
const quoteBody = (token) =>
  JSON.stringify({ token, base_model: m.id, dataset: d.id, steps: 50, workers: 2, replicas: 2,
    hyperparameters: { learning_rate: 0.0005 }, seed: "11", max_price: "1000000000000000000000", deadline,
    ...(token === "AI" ? { method: "lora", lora_r: 4, lora_alpha: 8, lora_targets: ["c_proj", "c_attn"] } : {}) });

const out = { address: buyer.address };
for (const token of ["USDC", "AI"]) {
  const q = expect(await call(buyer, "POST", "/intents/quote", quoteBody(token)), 200, `quote ${token}`);
  const it = q.intent_typed_data, ft = q.funding_typed_data;

  // The intent id is the EIP-712 hash of the Intent, as ethers computes it.
  if (TypedDataEncoder.hash(it.domain, it.types, it.message) !== q.intent_id) fail("intent id differs from ethers' EIP-712 hash");
  // The spec hash, recomputed from the documented ABI encoding.
  const s = q.spec, h = s.hyperparameters;
  const f64 = (x) => { const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, x); return b.getBigUint64(0); };
  // A tokenized spec (a tokenizer, or a JSONL dataset as here) has its
  // own tag and four more words: tokenizer, format, token stream.
  const types = ["bytes32", "bytes32", "bytes32", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256"];
  // A LoRA spec has a third tag, and three more words: r, alpha and the
  // targets, sorted and joined by commas.
  const tag = s.method === "lora" ? "axl.spec.v3" : s.tokens ? "axl.spec.v2" : "axl.spec.v1";
  const values = [keccak256(toUtf8Bytes(tag)), "0x" + s.base_model.slice(7), "0x" + s.dataset.slice(7),
    s.steps, s.workers, s.replicas, BigInt(s.seed), h.batch_size, h.seq_len, h.warmup_steps, h.inner_steps, f64(h.learning_rate), f64(h.weight_decay)];
  if (s.tokens) {
    types.push("bytes32", "bytes32", "bytes32", "uint256");
    values.push(s.tokenizer ? "0x" + s.tokenizer.slice(7) : "0x" + "00".repeat(32), keccak256(toUtf8Bytes(s.dataset_format)),
      s.tokens.hash, s.tokens.count);
  }
  if ((s.method === "lora") !== (token === "AI")) fail(`the ${token} spec's method is ${s.method}`);
  if (s.method === "lora") {
    if (s.lora_targets.join(",") !== "c_attn,c_proj") fail("the spec's LoRA targets are not sorted");
    types.push("uint256", "uint256", "bytes32");
    values.push(s.lora_r, f64(s.lora_alpha), keccak256(toUtf8Bytes(s.lora_targets.join(","))));
  }
  if (s.dataset_format !== "jsonl" || !s.tokens) fail("a JSONL dataset's spec names no token stream");
  const specHash = keccak256(AbiCoder.defaultAbiCoder().encode(types, values));
  if (specHash !== q.spec_hash || it.message.specHash !== specHash) fail("spec hash differs from the documented encoding");
  if (token === "USDC" && ft.message.nonce !== q.intent_id) fail("the 3009 nonce is not the intent id");

  const intentSig = await buyer.signTypedData(it.domain, it.types, it.message);
  const fundingSig = await buyer.signTypedData(ft.domain, ft.types, ft.message);
  const body = JSON.stringify({ quote_id: q.quote_id, intent_signature: intentSig, funding_signature: fundingSig });

  if (token === "AI") {
    // Left for the Go test, which submits it after the quote expired.
    out.expired_body = body;
    out.private_key = buyer.privateKey;
    continue;
  }
  // Forged: the intent signed by another key.
  const forgedIntent = await mallory.signTypedData(it.domain, it.types, it.message);
  const forged = JSON.stringify({ quote_id: q.quote_id, intent_signature: forgedIntent, funding_signature: fundingSig });
  const pf = expect(await call(buyer, "POST", "/intents", forged, { headers: { "Idempotency-Key": "forged" } }), 422, "forged intent signature");
  if (pf.type !== "https://axl.market/problems/bad-signature") fail("forged: problem type " + pf.type);
  // Forged: the request signed by another key than X-AXL-Address claims.
  const res = await call(mallory, "POST", "/intents", body, { headers: { "Idempotency-Key": "k1", "X-AXL-Address": buyer.address } });
  expect(res, 401, "request signed by another key");
  // Expired request signature: 400 s old.
  expect(await call(buyer, "POST", "/intents", body, { headers: { "Idempotency-Key": "k1" }, timestamp: Math.floor(Date.now() / 1000) - 400 }),
    401, "expired request signature");

  const created = await call(buyer, "POST", "/intents", body, { headers: { "Idempotency-Key": "k1" } });
  const intent = expect(created, 201, "create intent");
  if (intent.id !== q.intent_id || intent.state !== "funding" || intent.buyer !== buyer.address) fail("intent: " + JSON.stringify(intent));
  // Replayed: the very same signed request again.
  const replay = await fetch(base + "/intents", created.init);
  seen["replayed request"] = replay.status;
  if (replay.status !== 401) fail("replayed request: " + replay.status);
  // A retry in the same second with the same Idempotency-Key: a fresh
  // nonce makes it a new request, and it gets the stored response.
  const ts = Number(created.init.headers["X-AXL-Timestamp"]);
  const retried = await call(buyer, "POST", "/intents", body, { headers: { "Idempotency-Key": "k1" }, timestamp: ts });
  seen["signed retry"] = retried.status;
  if (retried.status !== 201 || JSON.stringify(retried.json) !== JSON.stringify(intent)) fail("signed retry: " + retried.status + " " + JSON.stringify(retried.json));
  // Reused quote under a new key, in the same second too.
  expect(await call(buyer, "POST", "/intents", body, { headers: { "Idempotency-Key": "k2" }, timestamp: ts }),
    409, "reused quote");
  const got = expect(await call(buyer, "GET", "/intents/" + intent.id), 200, "get intent");
  if (got.id !== intent.id) fail("get intent");
  out.intent_id = intent.id;
}
out.seen = seen;
console.log(JSON.stringify(out));
