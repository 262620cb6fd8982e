#pragma once
// Packed quantized checkpoints written by the tests, packed here independently of the code
// under test, straight from the format descriptions (mixed-precision-and-checkpoint-formats.md
// §4, §5): GPTQ qweight/qzeros/scales/g_idx (2/4/8 bits by word and shift, 3 bits by the
// A/B/C word layout), AutoAWQ GEMM with its nibble interleave, compressed-tensors
// pack-quantized as pack_to_int32 does it.
#include "formats/safetensorswriter.h"

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bitcliff::test {

// A quantized [rows = out × cols = in] matrix: W[r][c] = scale[r][g] · (code[r][c] − zero[r][g]),
// g = gIdx[c], codes and zeros unsigned.
struct QuantizedMatrix
{
    int bits = 4;
    int64_t rows = 0, cols = 0, groupSize = 0, groups = 0;
    std::vector<uint8_t> codes; // rows × cols
    std::vector<int32_t> zeros; // rows × groups
    std::vector<float> scales; // rows × groups, exact in fp16 (and in bf16 when asked)
    std::vector<int32_t> gIdx; // cols

    std::vector<float> expected() const; // scale · (q − z), float32
};

struct MatrixSpec
{
    int bits = 4;
    int64_t rows = 64, cols = 128;
    int64_t groupSize = 128; // -1: one group per row
    bool sym = false; // every zero 2^(bits−1)
    bool shuffled = false; // act-order: a permuted, non-monotonic g_idx
    int lowestZero = 1; // asymmetric zeros are drawn from [lowestZero, 2^bits − 1]
    bool bf16Scales = false; // scales exact in bf16 too
    unsigned seed = 1;
};
QuantizedMatrix randomQuantizedMatrix(const MatrixSpec &spec);

// Quantizes float weights per group (min–max, asymmetric, fp16 scales), as a test RTN.
QuantizedMatrix quantizeWeights(
    const std::vector<float> &weights, int64_t rows, int64_t cols, int bits, int64_t groupSize);

// The tensors of one linear `<prefix>.…`.
std::vector<SafetensorsEntry> gptqEntries(const std::string &prefix, const QuantizedMatrix &m, bool v2);
std::vector<SafetensorsEntry> awqEntries(const std::string &prefix, const QuantizedMatrix &m);
// scaleDtype "F16", "BF16" or "F32"; shapeDtype "I64" (torch.tensor(shape)) or "I32".
std::vector<SafetensorsEntry> compressedTensorsEntries(const std::string &prefix, const QuantizedMatrix &m, bool sym,
    const std::string &scaleDtype = "F16", const std::string &shapeDtype = "I64");

// quantization_config objects as the tools write them.
nlohmann::json gptqConfig(int bits, int64_t groupSize, bool descAct, bool sym, const std::string &format = "gptq");
nlohmann::json awqConfig(int64_t groupSize, const std::string &version = "gemm");
nlohmann::json compressedTensorsConfig(int bits, int64_t groupSize, bool sym, bool actOrder);

// A checkpoint folder: config.json (a small Llama config plus `quantization`, unless null)
// and model.safetensors holding `entries`.
void writePackedCheckpoint(const std::filesystem::path &directory, const std::vector<SafetensorsEntry> &entries,
    const nlohmann::json &quantization);

// GPTQ's 3-bit words of 32 values (A, B, C), as the format description lays them out.
void packGptq3Bit(const uint8_t *values, uint32_t *words);

} // namespace bitcliff::test
