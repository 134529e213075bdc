// An agent's MCP host buying a job end to end with the official TypeScript
// SDK's client: it spawns `axl mcp` (MCP_COMMAND with the JSON array
// MCP_ARGS), lists the tools, uploads the base model and the dataset,
// buys the job JOB (JSON), waits for the intent with progress
// notifications and downloads the verified weights to WEIGHTS_PATH. It
// prints a JSON line once bought ({"step": "bought", "id"}) and one at the
// end ({"step": "done", …}).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const fail = (msg) => {
  process.stderr.write("mcp buyer: " + msg + "\n");
  process.exit(1);
};
const transport = new StdioClientTransport({ command: process.env.MCP_COMMAND, args: JSON.parse(process.env.MCP_ARGS),
  env: process.env, stderr: "inherit" });
const client = new Client({ name: "axl-mcp-buyer", version: "1.0.0" });
client.onerror = (e) => process.stderr.write("mcp client error: " + e + "\n");
await client.connect(transport);
const call = async (name, args, opts) => {
  const r = await client.callTool({ name, arguments: args }, undefined, opts);
  const text = (r.content ?? []).map((c) => c.text).join("");
  if (r.isError) fail(`${name}: ${text}`);
  return r.structuredContent;
};

const { tools } = await client.listTools();
const model = await call("upload_artifact", { path: process.env.MODEL_PATH });
const dataset = await call("upload_artifact", { path: process.env.DATA_PATH });
const job = { ...JSON.parse(process.env.JOB), base_model: model.id, dataset: dataset.id };
const bought = await call("buy", job);
const id = bought.intent.id;
say({ step: "bought", id });

const progress = [];
const waited = await call("wait_intent", { id, timeout_seconds: 900 }, {
  onprogress: (p) => progress.push(p.message), timeout: 900_000, resetTimeoutOnProgress: true,
});
const weights = waited.state === "released" ? await call("download_weights", { id, path: process.env.WEIGHTS_PATH }) : null;
say({ step: "done", tools: tools.map((t) => t.name), price: bought.quote.price, waited, progress, weights });
await client.close();
process.exit(0);
