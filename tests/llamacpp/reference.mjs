// llama.cpp's view of GGUF files, for tests/core/tst_llamacppagreement.cpp.
//   node reference.mjs REQUEST.json
// REQUEST.json: {"models": [{"model": PATH, "vocab_only": bool, "context": N,
//                            "sequences": [[id, ...], ...], "texts": ["...", ...]}, ...]}
// Prints one JSON object:
//   {"llama_cpp": "release", "models": [{"error": "...",          (only when it failed to load)
//     "log": ["llama.cpp's warnings while loading and running", ...],
//     "sequences": [{"probabilities": [[p(token 0), ..., p(token n-1)], ...]}],
//     "texts": [{"ids": [...], "decoded": "..."}]}, ...]}
// Row i of a sequence is llama.cpp's next-token distribution after the sequence's tokens
// 0..i, evaluated in one batch from an empty context (softmax of the logits under the greedy
// sampler: no token removed). "ids" is llama.cpp's tokenization of a text (no BOS; special
// tokens in the text parsed, as Hugging Face tokenizers do). Exits 1 with one line on stderr when the llama.cpp binaries or the node
// modules are missing (run `npm ci --omit=optional` here; tools/install-deps.sh does).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function fail(message) {
  process.stderr.write(message.split("\n")[0] + "\n");
  process.exit(1);
}

if (process.argv.length !== 3)
  fail("usage: node reference.mjs REQUEST.json");
if (!fs.existsSync(path.join(here, "node_modules", "node-llama-cpp", "package.json")))
  fail(`node-llama-cpp is not installed in ${here}: run 'npm ci --omit=optional' there (tools/install-deps.sh does)`);

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");

// llama.cpp's own warnings and errors, reported with a model that fails to load.
let log = [];
let llama;
try {
  llama = await getLlama({
    gpu: false, build: "never", progressLogs: false, logLevel: LlamaLogLevel.warn,
    logger: (level, message) => { if (message.trim()) log.push(message.trim()); },
  });
} catch (error) {
  fail(`the llama.cpp binaries did not load: ${error.message}`);
}

// Dense next-token distributions, one row per input token.
async function evaluate(model, spec) {
  const sequences = [];
  const longest = Math.max(...spec.sequences.map((tokens) => tokens.length));
  const contextSize = spec.context ?? longest;
  // float32 K/V cache and no flash attention: attention in float32, as in BitCliff (llama.cpp's
  // defaults, an F16 cache, move probabilities by ~1e-4).
  const context = await model.createContext({
    contextSize, batchSize: longest, sequences: 1, threads: spec.threads ?? 2, flashAttention: false,
    experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
  });
  const sequence = context.getSequence();
  for (const tokens of spec.sequences) {
    await sequence.clearHistory();
    const output = await sequence.controlledEvaluate(tokens.map((token) => [token, { generateNext: { probabilities: true } }]));
    const probabilities = tokens.map((_, i) => {
      const row = output[i]?.next?.probabilities;
      if (!row)
        throw new Error(`no probabilities at position ${i}`);
      const dense = new Array(row.size).fill(0);
      for (const [token, p] of row)
        dense[token] = p;
      return dense;
    });
    sequences.push({ probabilities });
  }
  sequence.dispose();
  await context.dispose();
  return sequences;
}

const result = { llama_cpp: `${llama.llamaCppRelease.repo} ${llama.llamaCppRelease.release}`, models: [] };
for (const spec of request.models) {
  log = [];
  const entry = { sequences: [], texts: [] };
  let model;
  try {
    model = await llama.loadModel({ modelPath: spec.model, gpuLayers: 0, vocabOnly: !!spec.vocab_only });
    for (const text of spec.texts ?? []) {
      const ids = Array.from(model.tokenize(text, true));
      entry.texts.push({ ids, decoded: model.detokenize(ids, false) });
    }
    if ((spec.sequences ?? []).length > 0)
      entry.sequences = await evaluate(model, spec);
  } catch (error) {
    entry.error = [error.message.split("\n")[0], ...log].join(" | ");
  }
  await model?.dispose();
  entry.log = log;
  result.models.push(entry);
}
process.stdout.write(JSON.stringify(result) + "\n");
