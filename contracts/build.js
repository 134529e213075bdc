// Compiles the contracts with solcjs (the version pinned in package.json),
// optimizer on, and writes build/<Name>.abi and build/<Name>.bin.
// Usage: node build.js   (run by `make contracts`)
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const root = __dirname;
const sources = {};
const contracts = {
  "src/AXLEscrow.sol": ["AXLEscrow", "DepositBox"],
  "src/TestUSDC.sol": ["TestUSDC"],
  "src/TestAI.sol": ["TestAI"],
  "src/TestFiatToken.sol": ["TestFiatToken"],
  "src/test/HostileToken.sol": ["HostileToken"],
  "src/test/MislabelledToken.sol": ["MislabelledToken"],
};
for (const file of Object.keys(contracts)) {
  sources[file] = { content: fs.readFileSync(path.join(root, file), "utf8") };
}

function findImports(p) {
  for (const base of [root, path.join(root, "node_modules")]) {
    const full = path.join(base, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, "utf8") };
  }
  return { error: `import not found: ${p}` };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    // No metadata hash: the bytecode then depends on the sources alone, so a
    // rebuild on any machine gives the committed bytes.
    metadata: { bytecodeHash: "none", appendCBOR: false },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const e of output.errors || []) {
  if (e.severity === "error") failed = true;
  process.stderr.write(e.formattedMessage + "\n");
}
if (failed) process.exit(1);

const out = path.join(root, "build");
fs.mkdirSync(out, { recursive: true });
for (const [file, names] of Object.entries(contracts)) {
  for (const name of names) {
    const c = output.contracts[file][name];
    fs.writeFileSync(path.join(out, `${name}.abi`), JSON.stringify(c.abi, null, 2) + "\n");
    fs.writeFileSync(path.join(out, `${name}.bin`), c.evm.bytecode.object + "\n");
  }
}
console.log(`solc ${solc.version()}: compiled ${Object.values(contracts).flat().join(", ")}`);
