// llama.cpp's view of GGUF files, for tests/core/tst_llamacppagreement.cpp.
//   node reference.mjs REQUEST.json
// REQUEST.json: {"models": [{"model": PATH, "vocab_only": bool, "context": N,
//                            "sequences": [[id, ...], ...], "texts": ["...", ...],
//                            "perplexity": {"text": "...", "n_ctx": N}}, ...]}
// Prints one JSON object:
//   {"llama_cpp": "release", "models": [{"error": "...",          (only when it failed to load)
//     "log": ["llama.cpp's warnings while loading and running", ...],
//     "sequences": [{"probabilities": [[p(token 0), ..., p(token n-1)], ...]}],
//     "texts": [{"ids": [...], "decoded": "..."}],
//     "perplexity": {"ppl", "ppl_err", "tokens_scored", "tokens"}}, ...]}
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

// The addon normalizes probabilities with a float32 sum, off by ~1e-4 over a 128k vocabulary;
// dividing by their double sum restores the softmax to float32 rounding of each entry.
function total(row) {
  let sum = 0;
  for (const p of row.values())
    sum += p;
  return sum;
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
      const sum = total(row);
      for (const [token, p] of row)
        dense[token] = p / sum;
      return dense;
    });
    sequences.push({ probabilities });
  }
  sequence.dispose();
  await context.dispose();
  return sequences;
}

// llama-perplexity's procedure: the text tokenized with BOS as the model adds
// it, cut into chunks of n_ctx tokens, each from an empty cache with its first token replaced
// by BOS when the model adds one; positions n_ctx/2 .. n_ctx-2 predict the next token.
async function perplexity(model, { text, n_ctx: nCtx }, threads) {
  const addBos = model.tokens.shouldPrependBosToken && model.tokens.bos != null;
  const tokens = Array.from(model.tokenize(text, false));
  if (addBos)
    tokens.unshift(model.tokens.bos);
  const chunks = Math.floor(tokens.length / nCtx);
  if (chunks < 2)
    throw new Error(`text gives ${tokens.length} tokens; perplexity at n_ctx ${nCtx} needs ${2 * nCtx}`);
  const first = Math.floor(nCtx / 2);
  const context = await model.createContext({
    contextSize: 2 * nCtx, batchSize: nCtx, sequences: 1, threads, flashAttention: false,
    experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
  });
  const sequence = context.getSequence();
  let sum = 0, sumSquares = 0, count = 0;
  for (let c = 0; c < chunks; ++c) {
    await sequence.clearHistory();
    const chunk = tokens.slice(c * nCtx, (c + 1) * nCtx);
    if (addBos)
      chunk[0] = model.tokens.bos;
    const input = chunk.map((token, i) =>
      i >= first && i < nCtx - 1 ? [token, { generateNext: { probabilities: true } }] : token);
    const output = await sequence.controlledEvaluate(input);
    for (let i = first; i < nCtx - 1; ++i) {
      const row = output[i].next.probabilities;
      const nll = -Math.log((row.get(chunk[i + 1]) ?? 0) / total(row));
      sum += nll;
      sumSquares += nll * nll;
      ++count;
    }
  }
  sequence.dispose();
  await context.dispose();
  const mean = sum / count, variance = sumSquares / count - mean * mean;
  const ppl = Math.exp(mean);
  return { ppl, ppl_err: ppl * Math.sqrt(Math.max(0, variance) / (count - 1)), tokens_scored: count, tokens: tokens.length };
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
    if (spec.perplexity)
      entry.perplexity = await perplexity(model, spec.perplexity, spec.threads ?? 2);
  } catch (error) {
    entry.error = [error.message.split("\n")[0], ...log].join(" | ");
  }
  await model?.dispose();
  entry.log = log;
  result.models.push(entry);
}
process.stdout.write(JSON.stringify(result) + "\n");
