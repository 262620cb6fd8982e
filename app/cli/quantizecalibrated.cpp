// `quantize` with a recipe that is more than a plain scheme (gptq:..., awq:..., modifiers):
// transform and calibrate, quantize layer by layer, write what was asked — a GPTQ checkpoint
// (rtn grids, --out DIR), a GGUF file holding GPTQ's codes (GGUF grids, --out FILE.gguf) or a
// fake-quantized checkpoint (--format fake) — then print the per-tensor error of the recipe's
// weights (against the rotated / smoothed / AWQ-scaled float weights it rounded). Every option and the
// source are checked before calibration starts, so a mistake costs no calibration time and
// leaves nothing on disk.
#include "calibrate/preparedreport.h"
#include "cli/calibrationargs.h"
#include "cli/quantizecalibrated.h"
#include "cli/terminalprogress.h"
#include "export/preparedexport.h"
#include "formats/hfggufmapping.h"
#include "quant/grid.h"
#include "tokenize/tokenizer.h"
#include "util/error.h"

#include <cstdio>
#include <map>

namespace bitcliff::cli {

namespace {

enum class Output : uint8_t { None, GptqCheckpoint, FakeCheckpoint, Gguf };

// What --out and --format ask for, refused in one line when the recipe cannot give it.
Output outputOf(const CliArgs &args, const QuantRecipe &recipe)
{
    const auto out = args.value("--out");
    if (!out)
        return Output::None;
    const std::string label = recipe.toString();
    if (recipe.activations != ActivationQuant::None)
        throw UsageError(label + ": +" + activationText(recipe.activations)
                         + " quantizes activations as the model runs, which no checkpoint holds; "
                           "measure it with `eval --scheme " + label + "`, or write " + recipe.weightText());
    const bool ggufGrid = recipe.scheme.method == QuantMethod::Gguf;
    if (out->ends_with(".gguf")) {
        if (!ggufGrid)
            throw UsageError(label + ": FILE.gguf needs a GGUF grid (q4_k, gptq:q4_0, gptq:q4_1, gptq:q5_0, "
                                     "gptq:q8_0…); write rtn grids to a folder (--out DIR)");
        return Output::Gguf;
    }
    const bool gptq = recipe.method == WeightMethod::Gptq;
    // A folder of gptq results is a GPTQ checkpoint (GGUF grids must say --format fake); of any
    // other recipe a fake-quantized checkpoint.
    const std::string format = args.value("--format").value_or(!gptq ? "fake" : ggufGrid ? "" : "gptq");
    if (format == "fake")
        return Output::FakeCheckpoint;
    if (!gptq)
        throw UsageError("--format gptq writes GPTQ's results: give a gptq recipe (--scheme gptq:b4:g128)");
    if (ggufGrid)
        throw UsageError(label + ": a GPTQ checkpoint stores rtn grids; write " + recipe.scheme.toString()
                         + " codes as --out FILE.gguf, or a fake-quantized checkpoint with --format fake");
    return Output::GptqCheckpoint;
}

// The source's part of what the output needs, checked before calibrating.
void checkSource(const Model &model, const QuantRecipe &recipe, Output output)
{
    if (output == Output::GptqCheckpoint) {
        if (const std::string problem = gptqCheckpointProblem(model, recipe); !problem.empty())
            throw Error(problem);
    } else if (output == Output::FakeCheckpoint && model.format() != ModelFormat::Safetensors) {
        throw Error(model.sourcePath() + ": a fake-quantized checkpoint needs a Hugging Face (safetensors) source");
    } else if (output == Output::Gguf && model.format() == ModelFormat::Safetensors) {
        ggufArchitectureForHf(model.architecture().name, model.sourcePath()); // throws for what GGUF cannot hold
    }
}

std::string plural(size_t n, const char *word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// "int4 g128", or "14 int4 g96, 14 int4 g128" when GPTQ fell back to another grid for some rows.
std::string gridsText(const PreparedWeights &prepared)
{
    std::map<std::string, int> counts;
    for (const GptqTensor &t : prepared.gptq) {
        const QuantScheme &grid = t.options.grid;
        const auto cols = static_cast<int64_t>(t.result.groupIndex.size());
        counts["int" + std::to_string(grid.bits) + " "
               + (grid.granularity == Granularity::Channel ? std::string("channel")
                                                           : "g" + std::to_string(gridBlockLength(grid, cols)))]++;
    }
    if (counts.size() == 1)
        return counts.begin()->first;
    std::string text;
    for (const auto &[grid, count] : counts)
        text += (text.empty() ? "" : ", ") + std::to_string(count) + " " + grid;
    return "(" + text + ")";
}

// Tensors the plan quantizes but the method did not (the embedding, an untied output head):
// a GPTQ checkpoint keeps them as stored where evaluation rounds them.
std::vector<std::string> roundedByThePlan(const Model &model, const PreparedWeights &prepared)
{
    std::vector<std::string> names;
    for (const TensorInfo &t : model.tensors())
        if (!prepared.plan->isPrepared(t.name) && prepared.plan->treatment(t).quantizes())
            names.push_back(t.name);
    return names;
}

void writeGptqCheckpoint(const Model &model, const PreparedWeights &prepared, const QuantRecipe &recipe,
                         const std::string &directory)
{
    TerminalProgress writing("writing");
    const GptqCheckpointResult result
        = writePreparedGptqCheckpoint(model, prepared, recipe, directory, writing.callback());
    writing.done();
    const bool v2 = result.checkpointFormat == "gptq_v2";
    std::string options = recipe.gptq.actOrder ? ", desc_act" : "";
    options += recipe.gptq.staticGroups ? ", static groups" : "";
    std::fprintf(stderr, "wrote %s (%s as GPTQ %s %s%s; %s copied as stored: embeddings, output head and norms "
                         "unquantized, as GPTQModel leaves them)\n",
                 directory.c_str(), plural(size_t(result.packedLinears), "linear").c_str(), v2 ? "v2" : "v1",
                 gridsText(prepared).c_str(), options.c_str(), plural(size_t(result.copiedTensors), "tensor").c_str());
    if (v2)
        std::fprintf(stderr, "note: checkpoint_format gptq_v2: some zero point is 0, which GPTQ v1 cannot store\n");
    const std::vector<std::string> rounded = roundedByThePlan(model, prepared);
    if (rounded.empty())
        return;
    const bool one = rounded.size() == 1;
    const std::string subject = one ? rounded.front() + " is" : plural(rounded.size(), "tensor") + " are";
    std::fprintf(stderr, "note: %s unquantized in the checkpoint, where `eval --scheme %s` rounds %s to nearest\n",
                 subject.c_str(), recipe.toString().c_str(), one ? "it" : "them");
}

} // namespace

int quantizeCalibrated(const CliArgs &args, const QuantRecipe &recipe)
{
    const std::string label = recipe.toString();
    if (recipe.needsCalibration() && !args.value("--calib"))
        throw UsageError(label + " needs calibration text (--calib FILE|DIR|bundled)");
    if (!recipe.needsCalibration() && args.value("--calib"))
        throw UsageError(label + " calibrates on nothing: --calib is for gptq, awq and +smooth");
    if (args.value("--tensor"))
        throw UsageError("--tensor is for plain schemes: " + label + " treats the model as a whole");
    const Output output = outputOf(args, recipe);
    const int threads = static_cast<int>(args.number("--threads", 0, 0, 256));
    const auto model = openModel(args.positional()[0]);
    checkSource(*model, recipe, output);
    const auto calibration = recipe.needsCalibration() ? calibrationFrom(args, *tokenizerForModel(*model)) : nullptr;

    PrepareOptions options;
    options.calibration = calibration.get();
    options.threads = threads;
    options.keepCodes = output == Output::GptqCheckpoint || output == Output::Gguf;
    TerminalProgress calibrating("calibrating");
    const PreparedWeights prepared = prepareWeights(model, recipe, options, calibrating.callback());
    calibrating.done();

    const std::string out = args.value("--out").value_or("");
    // Every output is written from the float weights the plan rounds: rotated, smoothed or
    // AWQ-scaled tensors (and a rotated model's untied head) with the recipe's rounding.
    const Model &source = *prepared.reference;
    const std::string plan = prepared.plan->summarize(source).describe();
    if (output == Output::GptqCheckpoint) {
        writeGptqCheckpoint(source, prepared, recipe, out);
    } else if (output == Output::Gguf) {
        TerminalProgress exporting("exporting");
        std::vector<std::string> notes;
        const int count = exportPreparedGguf(source, prepared, out, exporting.callback(), &notes);
        exporting.done();
        for (const std::string &note : notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        const std::string blocks = prepared.gptq.empty()
            ? std::string()
            : ", " + std::to_string(prepared.gptq.size()) + " as GPTQ's " + recipe.scheme.toString() + " blocks";
        std::fprintf(stderr, "wrote %s (%d tensors quantized%s: %s)\n", out.c_str(), count, blocks.c_str(),
                     plan.c_str());
    } else if (output == Output::FakeCheckpoint) {
        TerminalProgress exporting("exporting");
        const int count = exportPreparedFakeQuantized(source, prepared, out, exporting.callback());
        exporting.done();
        std::fprintf(stderr, "wrote %s/model.safetensors (%d tensors fake-quantized: %s)\n", out.c_str(), count,
                     plan.c_str());
    }

    TerminalProgress measuring("measuring");
    const auto report = quantReportOf(model, prepared, threads, measuring.callback());
    measuring.done();
    printQuantReport(*report, args.has("--json"), prepared.calibrationNote);
    return 0;
}

} // namespace bitcliff::cli
