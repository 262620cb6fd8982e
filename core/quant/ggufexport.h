#pragma once
// Export of a really quantized GGUF file (what llama-quantize or convert_hf_to_gguf +
// llama-quantize would write, without an importance matrix):
//   GGUF input: every metadata key copied in order, general.file_type and
//     general.quantization_version (2) set; eligible matrices requantized from their
//     dequantized values, every other tensor copied byte for byte in its own type.
//   Hugging Face input (Llama, Mistral, Qwen2): llama.cpp's keys, tensor names and Q/K row
//     order (formats/hfggufmapping.h), the tokenizer from tokenizer.json
//     (formats/tokenizerconversion.h); eligible matrices quantized, 1-D tensors F32, other
//     tensors F16 (F16/BF16 sources) or F32; Llama-3 rope scaling as rope_freqs.weight (F32
//     frequency divisors, formats/ropescaling.h).
// Each tensor gets the type the quantizer gives it (quant/tensortreatment.h): rows that do not
// fit the type's blocks fall back as llama-quantize does (Q4_K → Q5_0 …, then F16). Streams chunks of rows: memory stays far below one tensor's floats.
#include "formats/model.h"
#include "quant/scheme.h"
#include "util/progress.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace bitcliff {

// Blocks made elsewhere (GPTQ's codes on a GGUF grid): the tensors `covers` names are not
// quantized from their values; `encodeRow` writes source row `row` of `tensor` (before any
// Q/K permutation: the export asks for the row that lands at each place) as one row of `type`
// blocks at `out`. It runs on one thread per tensor.
struct PrecomputedBlocks
{
    std::function<bool(const TensorInfo &tensor)> covers;
    std::function<void(const TensorInfo &tensor, DType type, int64_t row, std::byte *out)> encodeRow;
};

// Writes `file` (through a temporary file: nothing is left behind on error or cancel) and
// returns the number of tensors quantized. Throws Error for a non-GGUF scheme, an
// unsupported architecture or tensor, an output that is the source; Cancelled on cancel.
// `notes` (optional) receives one-line remarks: no tokenizer.json, a rope scaling other than llama3 not written...
int exportQuantizedGguf(const Model &model, const QuantScheme &scheme, const std::filesystem::path &file,
                        const ProgressCallback &progress = {}, std::vector<std::string> *notes = nullptr,
                        const PrecomputedBlocks &precomputed = {});

} // namespace bitcliff
