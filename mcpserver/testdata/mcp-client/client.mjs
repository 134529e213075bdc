// Drives axl's MCP server with the official TypeScript SDK's client over
// stdio, as an agent's MCP host would: the server is MCP_COMMAND (its
// environment passed on). It prints one JSON line per step; the Go test
// answers on standard input when the chain has moved.
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const call = async (name, args, opts) => {
  const r = await client.callTool({ name, arguments: args }, undefined, opts);
  return { isError: !!r.isError, structured: r.structuredContent ?? null, text: (r.content ?? []).map((c) => c.text).join("") };
};

const transport = new StdioClientTransport({ command: process.env.MCP_COMMAND, args: [], env: process.env, stderr: "inherit" });
const client = new Client({ name: "axl-mcp-check", version: "1.0.0" });
client.onerror = (e) => process.stderr.write("mcp client error: " + e + "\n");
await client.connect(transport);

const { tools } = await client.listTools();
const model = await call("upload_artifact", { path: process.env.MODEL_PATH });
const dataset = await call("upload_artifact", { path: process.env.DATA_PATH });
const job = {
  token: "USDC", base_model: model.structured?.id, dataset: dataset.structured?.id, steps: 8, workers: 2, replicas: 1,
  hyperparameters: { batch_size: 2, seq_len: 8, inner_steps: 4 }, max_price: "1000000000", deadline: "48h",
};
const tooDear = await call("quote", { ...job, max_price: "1" });
const missing = await call("get_intent", { id: "0x" + "00".repeat(32) });
const badDeadline = await call("quote", { ...job, deadline: "next week" });
const quote = await call("quote", job);
const bought = await call("buy", job);
const id = bought.structured?.intent?.id;
say({ step: "bought", id, tools: tools.map((t) => ({ name: t.name, input: !!t.inputSchema, output: !!t.outputSchema })),
  model, dataset, tooDear, missing, badDeadline, quote, bought });

await lines.next(); // the chain funded it
const progress = [];
const waiting = call("wait_intent", { id, timeout_seconds: 60 }, { onprogress: (p) => progress.push(p) });
const cancelled = await call("cancel_intent", { id });
say({ step: "cancel_requested", cancelled });
const waited = await waiting;
const intent = await call("get_intent", { id });
const listed = await call("list_intents", {});
const disputes = await call("get_disputes", { id });
const jobs = await call("list_jobs", {});
say({ step: "done", waited, progress, intent, listed, disputes, jobs });
await client.close();
process.exit(0);
