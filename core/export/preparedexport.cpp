#include "export/preparedexport.h"

#include "export/gptqcodes.h"
#include "quant/fakequantexport.h"
#include "quant/ggufexport.h"
#include "util/error.h"

#include <map>

namespace bitcliff {

namespace {

const QuantScheme &planScheme(const PreparedWeights &prepared)
{
    if (!prepared.plan || !prepared.model || !prepared.plan->scheme())
        throw Error("no prepared weights to export");
    return *prepared.plan->scheme();
}

} // namespace

std::string gptqCheckpointProblem(const Model &source, const QuantRecipe &recipe)
{
    const std::string label = recipe.toString();
    if (recipe.method != WeightMethod::Gptq)
        return label + ": a GPTQ checkpoint holds GPTQ's results (a gptq:... recipe)";
    const QuantScheme &grid = recipe.scheme;
    if (grid.method != QuantMethod::Rtn)
        return label + ": " + grid.toString() + " is a GGUF block type; its codes are written as a GGUF file, "
                       "not as a GPTQ checkpoint";
    if (grid.bits != 2 && grid.bits != 3 && grid.bits != 4 && grid.bits != 8)
        return label + ": GPTQ checkpoints pack 2, 3, 4 or 8 bits, not " + std::to_string(grid.bits);
    if (source.format() != ModelFormat::Safetensors)
        return source.sourcePath() + ": a GPTQ checkpoint needs a Hugging Face (safetensors) source";
    return {};
}

GptqCheckpointResult writePreparedGptqCheckpoint(const Model &source, const PreparedWeights &prepared,
                                                 const QuantRecipe &recipe, const std::filesystem::path &directory,
                                                 const ProgressCallback &progress)
{
    if (const std::string problem = gptqCheckpointProblem(source, recipe); !problem.empty())
        throw Error(problem);
    if (prepared.gptq.empty())
        throw Error(recipe.toString() + ": no GPTQ-quantized matrices to write");
    std::vector<PackedLinear> linears;
    bool symmetric = true;
    for (const GptqTensor &t : prepared.gptq) {
        linears.push_back(packedLinearOf(t));
        symmetric = symmetric && t.options.grid.symmetric;
    }
    GptqCheckpointOptions options;
    options.descAct = recipe.gptq.actOrder;
    options.sym = symmetric;
    options.staticGroups = recipe.gptq.staticGroups;
    options.dampPercent = recipe.gptq.dampPercent / 100.0; // the config's fraction
    return writeGptqCheckpoint(source, linears, options, directory, progress);
}

int exportPreparedGguf(const Model &source, const PreparedWeights &prepared, const std::filesystem::path &file,
                       const ProgressCallback &progress, std::vector<std::string> *notes)
{
    const QuantScheme &scheme = planScheme(prepared);
    if (scheme.method != QuantMethod::Gguf)
        throw Error(prepared.plan->label() + ": GGUF blocks need a GGUF grid (q4_0, q4_1, q5_0, q8_0)");
    std::map<std::string, const GptqTensor *> byName;
    for (const GptqTensor &t : prepared.gptq) {
        checkGgufBlocks(t);
        byName[t.name] = &t;
    }
    PrecomputedBlocks blocks;
    blocks.covers = [&](const TensorInfo &tensor) { return byName.count(tensor.name) > 0; };
    blocks.encodeRow = [&](const TensorInfo &tensor, DType type, int64_t row, std::byte *out) {
        const GptqTensor &t = *byName.at(tensor.name);
        if (type != t.options.grid.ggufType)
            throw Error(tensor.name + ": GPTQ rounded it on " + t.options.grid.toString() + ", the file stores "
                        + std::string(dtypeName(type)));
        encodeGgufRow(t, row, out);
    };
    return exportQuantizedGguf(source, scheme, file, progress, notes, blocks);
}

int exportPreparedFakeQuantized(const Model &source, const PreparedWeights &prepared,
                                const std::filesystem::path &directory, const ProgressCallback &progress)
{
    const QuantScheme &scheme = planScheme(prepared);
    PrecomputedValues values;
    values.recipe = prepared.plan->label();
    values.values = prepared.model.get();
    values.covers = [&](const std::string &name) { return prepared.plan->isPrepared(name); };
    return exportFakeQuantized(source, scheme, directory, progress, values);
}

} // namespace bitcliff
