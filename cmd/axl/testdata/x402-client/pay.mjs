// An x402 version 2 client that no one here wrote pays for AXL intents:
// @x402/fetch's wrapFetchWithPayment with @x402/evm's exact scheme, over a
// viem account. Beneath it, the AXL request signature (EIP-191, with ethers)
// is added to every request it sends, the retry with PAYMENT-SIGNATURE
// included. With "frontrun", a stranger sees the payment on its way and
// submits the authorisation straight to the token first; the intent must
// be funded all the same.
//
// Usage: node pay.mjs <base URL> <RPC URL> <buyer key> <stranger key> <USDC address> <cap> <orders JSON>
// where orders is [{"key", "quote_id", "intent_signature", "frontrun"}]
// and cap the most the buyer pays in one payment (base units): the dev
// chain's USDC is no default asset of x402's, so the client's spend
// controls allow it by name, capped.
// It prints one JSON line: per order the status, the intent, the decoded
// PAYMENT-RESPONSE and, when front-run, the stranger's transaction.
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from "@x402/fetch";
import { ExactEvmScheme } from "@x402/evm";
import { privateKeyToAccount } from "viem/accounts";
import { Contract, JsonRpcProvider, Signature, Wallet, getBytes, hexlify, randomBytes, sha256 } from "ethers";

const [base, rpcURL, buyerKey, strangerKey, usdcAddress, cap, ordersJSON] = process.argv.slice(2);
const orders = JSON.parse(ordersJSON);
const buyer = new Wallet(buyerKey);
const provider = new JsonRpcProvider(rpcURL, undefined, { cacheTimeout: -1 }); // no answers shared across 250 ms
const stranger = new Wallet(strangerKey, provider);

function fail(msg) {
  console.error("x402 client: " + msg);
  process.exit(1);
}

// signRequests is the fetch beneath x402's: it signs each request as the
// AXL API wants (DESIGN §4), afresh, and lets onPayment see a payment
// before it is sent.
function signRequests(onPayment) {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = new Uint8Array(await request.clone().arrayBuffer());
    const url = new URL(request.url);
    const ts = Math.floor(Date.now() / 1000);
    const nonce = hexlify(randomBytes(16)).slice(2);
    const bodySHA256 = sha256(body).slice(2);
    const message = `axl-request\n${request.method}\n${url.pathname}${url.search}\n${ts}\n${nonce}\n${bodySHA256}`;
    const headers = new Headers(request.headers);
    headers.set("X-AXL-Address", buyer.address);
    headers.set("X-AXL-Timestamp", String(ts));
    headers.set("X-AXL-Nonce", nonce);
    headers.set("X-AXL-Content-SHA256", bodySHA256);
    headers.set("X-AXL-Signature", await buyer.signMessage(message));
    const payment = headers.get("PAYMENT-SIGNATURE");
    if (payment) await onPayment(payment);
    return fetch(request.url, { method: request.method, headers, body: body.length > 0 ? body : undefined });
  };
}

const usdcABI = [
  "function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, uint8 v, bytes32 r, bytes32 s)",
];

const out = { buyer: buyer.address, orders: [] };
for (const order of orders) {
  const seen = { key: order.key, statuses: [] };
  const onPayment = async (header) => {
    const payload = JSON.parse(Buffer.from(header, "base64").toString("utf8"));
    seen.accepted = payload.accepted;
    if (!order.frontrun) return;
    // The stranger submits the buyer's authorisation to the token itself.
    const a = payload.payload.authorization;
    const sig = Signature.from(payload.payload.signature);
    const usdc = new Contract(payload.accepted.asset, usdcABI, stranger);
    const tx = await usdc.transferWithAuthorization(a.from, a.to, a.value, a.validAfter, a.validBefore, a.nonce, sig.v, sig.r, sig.s);
    const receipt = await tx.wait();
    if (receipt.status !== 1) fail("the front-run transfer reverted");
    seen.frontrun = receipt.hash;
  };
  const inner = signRequests(onPayment);
  const counting = async (input, init) => {
    const res = await inner(input, init);
    seen.statuses.push(res.status);
    return res;
  };
  const network = "eip155:" + (await provider.getNetwork()).chainId;
  const client = new x402Client().register("eip155:*", new ExactEvmScheme(privateKeyToAccount(buyerKey)));
  client.setSpendControls({ allowedAssets: [{ network, asset: usdcAddress, maxAmountPerPayment: cap }] });
  const pay = wrapFetchWithPayment(counting, client);
  const res = await pay(base + "/intents", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": order.key },
    body: JSON.stringify({ quote_id: order.quote_id, intent_signature: order.intent_signature }),
  });
  const text = await res.text();
  if (res.status !== 201) fail(`order ${order.key}: status ${res.status}: ${text}`);
  seen.intent = JSON.parse(text);
  const h = res.headers.get("PAYMENT-RESPONSE");
  if (!h) fail(`order ${order.key}: no PAYMENT-RESPONSE`);
  seen.settled = decodePaymentResponseHeader(h);
  out.orders.push(seen);
}
console.log(JSON.stringify(out));
