// A webhook receiver written with the standardwebhooks package alone: it
// verifies every delivery against the endpoint's secret and prints one
// JSON line per request on stdout. Control, from the test:
//   PUT /_secret   the body is the secret (whsec_...)
//   PUT /_fail     the body is how many of the next deliveries to answer 503
// It prints {"listening": port} once it listens.
import http from "node:http";
import { Webhook } from "standardwebhooks";

let wh = null;
let failNext = 0;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    if (req.method === "PUT" && req.url === "/_secret") {
      wh = new Webhook(body.trim());
      res.writeHead(204).end();
      return;
    }
    if (req.method === "PUT" && req.url === "/_fail") {
      failNext = Number(body);
      res.writeHead(204).end();
      return;
    }
    const line = { id: req.headers["webhook-id"] ?? null };
    try {
      if (wh === null) throw new Error("no secret yet");
      const payload = wh.verify(body, req.headers);
      line.type = payload.type;
      line.seq = payload.data.seq;
      line.intent = payload.data.intent_id;
      line.state = payload.data.state;
      line.event_type = payload.data.type;
    } catch (err) {
      line.error = String(err.message ?? err);
      console.log(JSON.stringify(line));
      res.writeHead(400).end();
      return;
    }
    if (failNext > 0) {
      failNext--;
      line.refused = true;
      console.log(JSON.stringify(line));
      res.writeHead(503).end();
      return;
    }
    line.verified = true;
    console.log(JSON.stringify(line));
    res.writeHead(204).end();
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ listening: server.address().port }));
});
process.stdin.on("end", () => process.exit(0)); // the test closed our stdin: it is done
process.stdin.resume();
