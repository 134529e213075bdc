// Encodes the file named on the command line with gpt-3-encoder and prints
// its throughput in MB/s: the baseline of BenchmarkEncode.
const fs = require('fs')
const { encode } = require('gpt-3-encoder')
const text = fs.readFileSync(process.argv[2], 'utf8')
encode(text.slice(0, 10000)) // warm up
const t0 = process.hrtime.bigint()
const ids = encode(text)
const s = Number(process.hrtime.bigint() - t0) / 1e9
process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(text), tokens: ids.length, seconds: s }))
