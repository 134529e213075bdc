// Reads a JSON array of texts on stdin and writes, as JSON, the ids that
// OpenAI's GPT-2 encoder (the npm package gpt-3-encoder) gives each.
const { encode } = require('gpt-3-encoder')
let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (d) => { input += d })
process.stdin.on('end', () => {
  const texts = JSON.parse(input)
  process.stdout.write(JSON.stringify(texts.map((t) => encode(t))))
})
