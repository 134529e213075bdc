// Drives axl serve's /mcp with the official TypeScript SDK's client over
// streamable HTTP, as an agent whose key stays in its wallet: ethers signs
// every HTTP request the transport sends (the AXL request signature) and
// the quote's two EIP-712 documents. Then a second agent tries to read the
// first one's intent, and an unsigned request is sent. It prints one JSON
// line. Environment: AXL_URL, BUYER_KEY, MALLORY_KEY, MODEL_ID, DATASET_ID.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Wallet, hexlify, randomBytes, sha256 } from "ethers";

const base = process.env.AXL_URL;
const buyer = new Wallet(process.env.BUYER_KEY);
const mallory = new Wallet(process.env.MALLORY_KEY);

// signedFetch signs each request as wallet (DESIGN §4).
const signedFetch = (wallet) => async (url, init = {}) => {
  const body = init.body === undefined ? new Uint8Array() : new TextEncoder().encode(init.body);
  const u = new URL(url);
  const ts = Math.floor(Date.now() / 1000);
  const nonce = hexlify(randomBytes(16)).slice(2);
  const bodySHA256 = sha256(body).slice(2);
  const method = init.method ?? "GET";
  const headers = new Headers(init.headers);
  headers.set("X-AXL-Address", wallet.address);
  headers.set("X-AXL-Timestamp", String(ts));
  headers.set("X-AXL-Nonce", nonce);
  headers.set("X-AXL-Content-SHA256", bodySHA256);
  headers.set("X-AXL-Signature", await wallet.signMessage(`axl-request\n${method}\n${u.pathname}${u.search}\n${ts}\n${nonce}\n${bodySHA256}`));
  return fetch(url, { ...init, headers });
};

const connect = async (wallet) => {
  const client = new Client({ name: "axl-mcp-http-check", version: "1.0.0" });
  client.onerror = (e) => process.stderr.write("mcp client error: " + e + "\n");
  await client.connect(new StreamableHTTPClientTransport(new URL(base + "/mcp"), { fetch: signedFetch(wallet) }));
  return client;
};
const call = async (client, name, args, opts) => {
  const r = await client.callTool({ name, arguments: args }, undefined, opts);
  return { isError: !!r.isError, structured: r.structuredContent ?? null, text: (r.content ?? []).map((c) => c.text).join("") };
};

// signTyped signs one of the API's typed-data documents, as the wallet is shown it.
const signTyped = (wallet, td) => wallet.signTypedData(td.domain, td.types, td.message);

const client = await connect(buyer);
const { tools } = await client.listTools();
const job = {
  token: "USDC", base_model: process.env.MODEL_ID, dataset: process.env.DATASET_ID, steps: 8, workers: 2, replicas: 1,
  hyperparameters: { batch_size: 2, seq_len: 8, inner_steps: 4 }, max_price: "1000000000", deadline: "48h",
};
const quote = await call(client, "quote", job);
const q = quote.structured;
const forged = await call(client, "create_intent", {
  quote_id: q.quote_id, intent_signature: await signTyped(mallory, q.intent_typed_data),
  funding_signature: await signTyped(mallory, q.funding_typed_data),
});
const created = await call(client, "create_intent", {
  quote_id: q.quote_id, intent_signature: await signTyped(buyer, q.intent_typed_data),
  funding_signature: await signTyped(buyer, q.funding_typed_data),
});
const id = created.structured?.intent?.id ?? created.structured?.id;
const intent = await call(client, "get_intent", { id });
const listed = await call(client, "list_intents", {});
const progress = [];
const waited = await call(client, "wait_intent", { id, timeout_seconds: 2 }, { onprogress: (p) => progress.push(p) });
await client.close();

const other = await connect(mallory);
const stolen = await call(other, "get_intent", { id });
const theirs = await call(other, "list_intents", {});
await other.close();

const unsigned = await fetch(base + "/mcp", {
  method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
});
console.log(JSON.stringify({ tools: tools.map((t) => t.name), quote, forged, created, id, intent, listed, waited, progress,
  stolen, theirs, unsigned: unsigned.status }));
process.exit(0);
