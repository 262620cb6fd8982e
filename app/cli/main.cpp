// bitcliff-cli: the headless front end. Same core as the GUI; one-line errors on stderr.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "util/error.h"
#include "util/blaskernels.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char *kUsage = R"(usage: bitcliff-cli <command> [options]

Commands:
  inspect PATH [--json] [--k K] [--threads N]
      The model catalog with per-tensor statistics: absmax, mean, std (population),
      kurtosis (Pearson: 3 for a Gaussian) and the number of outlier input channels.
  outliers PATH --tensor NAME [--axis rows|cols] [--top N] [--json] [--k K]
      Per-channel absmax and RMS of one tensor; rows = output channels,
      cols = input channels (default).
  quantize PATH --scheme SPEC [--tensor NAME] [--json] [--threads N] [--out DIR|FILE.gguf]
           [--format gptq|fake] [--calib REF [--calib-seqs N] [--calib-len N]]
      Fake-quantizes every weight matrix (or one tensor) with SPEC and prints, per
      tensor, the MSE, SQNR in dB, max |error| and bits per weight. --out DIR also
      writes DIR/model.safetensors with the dequantized ("fake-quantized") weights,
      plus config.json and the tokenizer files, for evaluation in other frameworks.
      --out FILE.gguf (GGUF block types q8_0 ... iq4_nl) writes a really quantized GGUF
      file for llama.cpp, from a GGUF file or a Llama/Mistral/Qwen2 checkpoint.
      Calibrated recipes: --scheme gptq:... --calib FILE|DIR|bundled [--calib-seqs N]
      [--calib-len N] runs GPTQ layer by layer first; --out DIR writes a GPTQ checkpoint
      (rtn grids of 2, 3, 4 or 8 bits; embeddings and output head unquantized, as
      GPTQModel leaves them), --out FILE.gguf GPTQ's codes as GGUF blocks (gptq:q4_0,
      q4_1, q5_0, q8_0), --format fake --out DIR the fake-quantized weights.
      awq:GRID[:duo][:noclip] (AWQ's activation-aware scales, folded into the norms,
      and clipping search; duo: AutoAWQ's default scales; --calib). Modifiers after a recipe, in any order: +a8 +a4
      (activations per token, dynamic, symmetric int) or +afp8; +smooth[α]
      (SmoothQuant, α 0.5 by default; --calib); +rot (QuaRot: norms folded, residual
      stream rotated by a random Hadamard matrix; the head untied). The report and the
      files hold the weights the recipe rounds (rotated, smoothed, scaled): --out DIR
      fake-quantized (GPTQ checkpoint for gptq), FILE.gguf for GGUF grids (q4_0+rot);
      +a8/+a4/+afp8 are not written (activations are quantized as the model runs).
      e.g. rtn:b8:channel:sym+a8, gptq:b4:g128+rot, awq:b4:g128:asym, q4_k+rot
  tokenize PATH --text FILE [--json] [--bos]
      Token ids of the UTF-8 text in FILE (- reads standard input) with the model's
      own tokenizer, then the token count and characters per token; --json also
      gives the tokens. PATH is a model (checkpoint directory or .gguf file) or a
      tokenizer.json. --bos prepends the BOS token.
  eval PATH [--text FILE|DIR|bundled[:en+ja...]] [--tasks FILE.jsonl[,...]|bundled[:NAME]]
            [--scheme SPEC[,SPEC...]] [--ctx N] [--max-tokens N] [--threads N]
            [--tokenizer PATH] [--streamed] [--json]
            [--calib REF [--calib-seqs N] [--calib-len N]]
      Runs the model (f32, weights fake-quantized per scheme; gptq, awq and +smooth
      recipes are calibrated first on --calib text; +a8/+a4/+afp8 quantize the input
      of every decoder linear per token as the model runs). Weights that do
      not fit in memory as float32 are streamed from the memory-mapped file at
      each batch of up to 512 tokens (--streamed forces it, to save memory). --text: perplexity
      exactly as llama.cpp's llama-perplexity (chunks of --ctx tokens, default 512,
      BOS as the model adds it, second half of each chunk scored); a DIR holds
      <language>.txt files reported one by one. Each --scheme is run in lockstep
      with the unquantized model: mean KLD with percentiles, same top token %,
      Δp and ln(PPL ratio). --tasks: multiple-choice accuracy (acc, acc_norm as
      lm-eval-harness) and generation exact match (greedy, --max-tokens, default
      32), per difficulty and language label. "bundled" is BitCliff's own
      parallel passages (en de ru ja zh hi ar) and task sets.
      --json keys: ppl, ppl_err, tokens_scored, kld, same_top, delta_p,
      ln_ppl_ratio, accuracy (of the last run) and runs (every run).
  sweep PATH (--schemes SPEC,... | --preset quick|full | --spec FILE.json) --out DIR
        [--text FILE|DIR|bundled[:en+ru...]] [--tasks FILE.jsonl[,...]|bundled[:NAME]]
        [--ctx N] [--max-tokens N] [--threads N] [--seed N] [--group N] [--retry-failed]
        [--calib REF [--calib-seqs N] [--calib-len N]]
        [--plan | --slurm [--slurm-time T] [--slurm-mem M] [--slurm-partition P]
                          [--slurm-cpus N] [--slurm-parallel N]]
      The accuracy cliff: the unquantized model (cell 0) and every scheme (cells
      1..N) evaluated as `eval` does, each scheme in lockstep with the unquantized
      model (one unquantized pass per group of --group schemes, default 6), the
      cheapest first. Each finished cell is appended to DIR/results.jsonl (synced at
      once; results.csv and results.json follow) with what reproduces it: model
      fingerprint, data hashes, context, seed, version, machine. Running the same
      command again (or `sweep --out DIR` alone) resumes: finished cells are kept,
      the rest run; a folder holding another model's results is refused. A cell
      that fails (a scheme that fits no tensor, out of memory) is recorded with its
      reason and the sweep goes on. --spec FILE: the fields of DIR/sweep.json
      (model, schemes, text, tasks, ctx, max_tokens, seed, threads). Presets:
      quick (10 schemes from 8 to 2 bits, en+ru+hi text, arithmetic tasks, ctx
      128) and full (25 schemes, all bundled data, ctx 512).
      --plan writes DIR/sweep.json and the cell list only; --slurm also writes
      DIR/sweep.sbatch, a Slurm job array (one task per cell) whose task 0 submits
      the merge job to run after all of them: sbatch DIR/sweep.sbatch.
  sweep-cell DIR [--cell I] [--threads N]
      Runs cell I of the sweep planned in DIR (without --cell: $SLURM_ARRAY_TASK_ID)
      into DIR/cells/cell-000I.json (skipped when a finished one is there).
  sweep-merge DIR
      Merges DIR/cells/*.json into DIR/results.jsonl (idempotent); exits 1 naming
      the cells still missing.
  report DIR --out OUT [--dpi N] [--no-model-maps]
      The report of the sweep in DIR: cliff charts per metric and small multiples
      per difficulty, language and task file (PNG at --dpi, default 144; SVG; PDF),
      the per-language metric disagreement table, the model's outlier maps and the
      SQNR and per-channel error maps of the lowest-bit and 4-bit schemes,
      results.csv/json, and OUT/report.html (self-contained) with the findings.
  demo --out DIR [--model PATH] [--preset quick|full] [--schemes SPEC,...]
       [--text ...] [--tasks ...] [--ctx N] [--dpi N]
      The quick sweep of the demo model (generated synthetic checkpoint unless
      --model; text only on it: its weights are random) into DIR/sweep, then its
      report into DIR (report.html, cliff charts, DIR/model/ maps).
  train PATH --data FILE|DIR --steps N --out DIR [--lr X] [--batch N] [--ctx N]
        [--qat SPEC] [--warmup N] [--held-out N] [--eval-every N]
        [--checkpoint-every N] [--threads N] [--seed N] [--resume DIR]
      Trains a Llama/Qwen2/Qwen3 checkpoint folder (AdamW, warmup then cosine
      decay to 0.1 x lr, gradients clipped at norm 1) into DIR: a checkpoint
      folder eval, quantize and transformers open. --data: UTF-8 text (each
      paragraph one document), JSONL ({"text"}, or {"prompt","answer"} with loss
      on the answer only), or a folder of *.txt/*.jsonl. Defaults: lr 3e-4,
      batch 8 sequences of ctx 256 tokens (at most the model's context), 5% of
      the documents held out (--held-out N: N of them, 0 none) and their loss
      measured every tenth of the run, a checkpoint at the end only (and every
      --checkpoint-every steps). --qat SPEC trains through the scheme's fake
      quantization (straight-through). States the memory it needs first and
      refuses a run that does not fit. Ctrl-C writes a checkpoint of the
      completed steps to DIR and exits 130; --resume DIR continues it (--out
      defaults to DIR; the same options, but --steps may extend the run), to the
      bytes an uninterrupted run writes.
  train-demo --out DIR [--threads N] [--seed N]
      Trains the demo model from scratch with BitCliff's own trainer, as the
      bundled one was made: its data (arithmetic in three tiers and sentences, in
      a common and a rare script), its BPE tokenizer, the model, and the derived
      checkpoints the demo compares (QAT at 2 and 3 bits, a full-precision
      control, a 545-item recovery fine-tune). Prints loss, tokens/s and the time
      left. Same options and threads on the same BLAS kernels: the same bytes.

PATH is a .safetensors file, a .gguf file, or a Hugging Face checkpoint directory
(config.json + model.safetensors or sharded model-*-of-*.safetensors with
model.safetensors.index.json).

Scheme SPEC: METHOD[:OPTION]... (case-insensitive)
  rtn     integer round-to-nearest: bN bits (2-8, default 4); gN group of N input
          elements (default g128) | channel | tensor; sym | asym; clip (MSE-optimal
          clipping search)                                  e.g. rtn:b3:g128:asym
  nf4     NormalFloat4 with block absmax: gN (default 64), dq (double quantization)
  fp4     FP4 E2M1 with block absmax: gN (default 64)
  mxfp4   OCP MXFP4 (32-element blocks, power-of-two scale)
  fp8     FP8 E4M3, one scale per output channel
  hqq     HQQ zero-point optimization: bN (default 4), gN (default 64)
  q8_0 q4_0 q4_1 q5_0 q5_1 q2_k q3_k q4_k q5_k q6_k iq4_nl   GGUF block types
  f16 bf16  16-bit floats (GGUF F16/BF16: convert a checkpoint for llama.cpp)
  gptq    GPTQ on calibration text (--calib REF [--calib-seqs N, default 128]
          [--calib-len N, default 512]): rtn's options (bN, gN | channel, sym | asym,
          clip) or a GGUF grid (q4_0 q4_1 q5_0 q8_0); actorder; static (act-order's
          groups fitted up front); dampP (percent of the mean Hessian diagonal,
          default 1)              e.g. gptq:b3:g128, gptq:b4:g128:actorder, gptq:q4_0
Norms and biases are kept. A tensor whose rows do not fit a scheme's blocks falls back
(GGUF types as llama-quantize does, rtn/hqq to a smaller group...) unless the scheme
says :strict; every result reports the fallbacks and the bits per weight really stored.

Outlier rule: a channel is an outlier when its absmax exceeds K times the median
channel absmax of the same tensor (default K = 4).

Exit status: 0 success, 1 error (one line on stderr), 2 usage error, 130 interrupted
(train: a resumable checkpoint was written).
)";

} // namespace

int main(int argc, char **argv)
{
    bitcliff::useFastBlasKernels(argv);
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::printf("bitcliff-cli " BITCLIFF_VERSION " (OpenBLAS kernels: %s)\n", bitcliff::blasCoreName().c_str());
        return 0;
    }
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    try {
        if (command == "inspect")
            return bitcliff::cli::runInspect(rest);
        if (command == "outliers")
            return bitcliff::cli::runOutliers(rest);
        if (command == "quantize")
            return bitcliff::cli::runQuantize(rest);
        if (command == "tokenize")
            return bitcliff::cli::runTokenize(rest);
        if (command == "eval")
            return bitcliff::cli::runEval(rest);
        if (command == "sweep")
            return bitcliff::cli::runSweep(rest);
        if (command == "sweep-cell")
            return bitcliff::cli::runSweepCell(rest);
        if (command == "sweep-merge")
            return bitcliff::cli::runSweepMerge(rest);
        if (command == "report")
            return bitcliff::cli::runReport(argc, argv, rest);
        if (command == "demo")
            return bitcliff::cli::runDemo(argc, argv, rest);
        if (command == "train")
            return bitcliff::cli::runTrain(rest);
        if (command == "train-demo")
            return bitcliff::cli::runTrainDemo(rest);
        throw bitcliff::cli::UsageError("unknown command '" + command + "'");
    } catch (const bitcliff::cli::UsageError &e) {
        std::fprintf(stderr, "bitcliff-cli %s: %s (see bitcliff-cli --help)\n", command.c_str(), e.what());
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bitcliff-cli: %s\n", e.what());
        return 1;
    }
}
