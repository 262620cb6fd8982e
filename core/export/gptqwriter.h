#pragma once
// Writes a GPTQ checkpoint folder that GPTQModel, AutoGPTQ, transformers and vLLM load:
//   model.safetensors     per quantized linear <p>: <p>.qweight, <p>.qzeros, <p>.scales,
//                         <p>.g_idx (export/gptqpacking.h); every other tensor of the source
//                         copied unchanged (biases included)
//   config.json           the source's, plus "quantization_config"
//   quantize_config.json  the same quantization config
//   the tokenizer files and generation_config.json of the source, copied
// The folder appears whole or not at all (train/atomicfolder.h).
#include "export/gptqpacking.h"
#include "formats/model.h"
#include "util/progress.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff {

// What the quantization config says beyond each linear's bits and group size.
struct GptqCheckpointOptions
{
    bool descAct = false; // act-order: g_idx is not k / group size
    bool sym = false; // every zero point is 2^(bits−1) (checked when true)
    bool staticGroups = false;
    double dampPercent = 0.01;
};

struct GptqCheckpointResult
{
    // "gptq" (v1), or "gptq_v2" when some zero point is 0, which v1 cannot store (zero − 1
    // underflows and borrows from the neighbouring field, the GPTQModel/AutoGPTQ defect).
    std::string checkpointFormat;
    int packedLinears = 0;
    int copiedTensors = 0;
};

// Writes `linears` (each replacing the source tensor it names) and the rest of `source` to
// `directory`. Throws Error for a non-safetensors source, a linear that is not valid
// (checkPackedLinear) or names no [rows, cols] tensor of the source, a source tensor that is
// itself packed, sym with a zero point other than 2^(bits−1), or a directory that is the
// source or holds something other than a model; Cancelled when `progress` says stop.
GptqCheckpointResult writeGptqCheckpoint(const Model &source, const std::vector<PackedLinear> &linears,
    const GptqCheckpointOptions &options, const std::filesystem::path &directory,
    const ProgressCallback &progress = {});

} // namespace bitcliff
