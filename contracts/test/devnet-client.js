// An independent Ethereum client (ethers.js) against `axl devnet`: it checks
// that every contract has code, that every dev account holds ETH, USDC and
// AI, and that an EIP-3009 transfer it signs itself is accepted.
// Usage: node test/devnet-client.js path/to/devnet.json
"use strict";
const fs = require("fs");
const { ethers } = require("ethers");

async function main() {
  const info = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  // cacheTimeout -1: ethers otherwise answers an identical request made
  // within 250 ms from its cache, so that a transaction sent right after
  // the previous one was mined reads the old pending nonce ("nonce too
  // low") whatever the node says; the test is of the node.
  const provider = new ethers.JsonRpcProvider(info.rpc_url, info.chain_id, { staticNetwork: true, cacheTimeout: -1 });
  const net = await provider.getNetwork();
  if (Number(net.chainId) !== info.chain_id) throw new Error(`chain id ${net.chainId}, devnet.json says ${info.chain_id}`);

  const code = {};
  for (const [name, addr] of Object.entries(info.contracts)) {
    const c = await provider.getCode(addr);
    if (c === "0x") throw new Error(`no code at ${name} ${addr}`);
    code[name] = (c.length - 2) / 2;
  }

  const erc20 = ["function balanceOf(address) view returns (uint256)", "function decimals() view returns (uint8)",
    "function transferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce,uint8 v,bytes32 r,bytes32 s)",
    "function eip712Domain() view returns (bytes1 fields,string name,string version,uint256 chainId,address verifyingContract,bytes32 salt,uint256[] extensions)"];
  const usdc = new ethers.Contract(info.contracts.usdc, erc20, provider);
  const ai = new ethers.Contract(info.contracts.ai, erc20, provider);
  if (Number(await usdc.decimals()) !== 6 || Number(await ai.decimals()) !== 18) throw new Error("unexpected decimals");
  for (const a of info.accounts) {
    const [eth, u, x] = await Promise.all([provider.getBalance(a.address), usdc.balanceOf(a.address), ai.balanceOf(a.address)]);
    if (eth === 0n || u === 0n || x === 0n) throw new Error(`${a.role} ${a.address} is not funded: ${eth} ETH, ${u} USDC, ${x} AI`);
    if (new ethers.Wallet(a.private_key).address !== ethers.getAddress(a.address)) throw new Error(`key of ${a.address} does not match`);
  }

  // EIP-3009: agent 0 signs, agent 1 submits and pays the gas, worker 0 receives.
  const agents = info.accounts.filter((a) => a.role === "agent");
  const worker = info.accounts.find((a) => a.role === "worker");
  const signer = new ethers.Wallet(agents[0].private_key);
  const relayer = new ethers.Wallet(agents[1].private_key, provider);
  const d = await usdc.eip712Domain();
  const domain = { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  const types = { TransferWithAuthorization: [
    { name: "from", type: "address" }, { name: "to", type: "address" }, { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" }, { name: "validBefore", type: "uint256" }, { name: "nonce", type: "bytes32" }] };
  const message = { from: signer.address, to: worker.address, value: 1_250_000n, validAfter: 0n,
    validBefore: BigInt(Math.floor(Date.now() / 1000) + 3600), nonce: ethers.hexlify(ethers.randomBytes(32)) };
  const sig = ethers.Signature.from(await signer.signTypedData(domain, types, message));
  const before = await usdc.balanceOf(worker.address);
  const tx = await usdc.connect(relayer).transferWithAuthorization(message.from, message.to, message.value,
    message.validAfter, message.validBefore, message.nonce, sig.v, sig.r, sig.s);
  const receipt = await tx.wait();
  if (receipt.status !== 1) throw new Error("transferWithAuthorization reverted");
  const after = await usdc.balanceOf(worker.address);
  if (after - before !== message.value) throw new Error(`worker received ${after - before}, want ${message.value}`);

  // Several transactions in a row from one account, each with the nonce
  // ethers reads as pending: a node whose pending state lagged its head
  // would have the second refused as "nonce too low".
  const nonces = [];
  for (let i = 0; i < 3; i++) {
    const sent = await relayer.sendTransaction({ to: worker.address, value: 1n });
    const r = await sent.wait();
    if (r.status !== 1) throw new Error(`transfer ${i} reverted`);
    nonces.push(sent.nonce);
  }
  for (let i = 1; i < nonces.length; i++) {
    if (nonces[i] !== nonces[i - 1] + 1) throw new Error(`nonces ${nonces}: not consecutive`);
  }
  // eth_call and eth_estimateGas against the pending block, and fees.
  const pendingBalance = await usdc.balanceOf(worker.address, { blockTag: "pending" });
  if (pendingBalance !== after) throw new Error(`pending balance ${pendingBalance}, latest ${after}`);
  const gas = await provider.estimateGas({ from: relayer.address, to: worker.address, value: 1n, blockTag: "pending" });
  const fees = await provider.getFeeData();
  const history = await provider.send("eth_feeHistory", ["0x4", "latest", [50]]);
  if (gas !== 21000n || fees.maxFeePerGas === null || fees.maxPriorityFeePerGas === null || !history.baseFeePerGas) {
    throw new Error(`gas ${gas}, fees ${JSON.stringify(fees)}, history ${JSON.stringify(history)}`);
  }

  console.log(JSON.stringify({ chain_id: Number(net.chainId), code_bytes: code, accounts: info.accounts.length,
    transfer: { tx: receipt.hash, block: receipt.blockNumber, value: message.value.toString() },
    in_a_row: nonces, pending_estimate: gas.toString(), max_priority_fee: fees.maxPriorityFeePerGas.toString() }));
}

main().catch((err) => {
  console.error(`devnet-client: ${err.message || err}`);
  process.exit(1);
});
