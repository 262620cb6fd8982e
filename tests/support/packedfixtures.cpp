#include "support/packedfixtures.h"

#include "util/floatformats.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>

namespace bitcliff::test {

namespace {

template<typename T> std::vector<std::byte> bytesOf(const std::vector<T> &values)
{
    std::vector<std::byte> bytes(values.size() * sizeof(T));
    if (!bytes.empty())
        std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

std::vector<std::byte> fp16Bytes(const std::vector<float> &values)
{
    std::vector<uint16_t> halves(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        halves[i] = floatToFp16(values[i]);
    return bytesOf(halves);
}

std::vector<std::byte> scaleBytes(const std::vector<float> &values, const std::string &dtype)
{
    if (dtype == "F32")
        return bytesOf(values);
    if (dtype == "F16")
        return fp16Bytes(values);
    std::vector<uint16_t> halves(values.size());
    for (size_t i = 0; i < values.size(); ++i)
        halves[i] = floatToBf16(values[i]);
    return bytesOf(halves);
}

// GPTQ packs along one axis: 2/4/8 bits as `pf` values per word, value k at bits·(k % pf)
// of word k / pf; 3 bits in runs of 32 values → 3 words.
std::vector<uint32_t> packGptqValues(const std::vector<uint8_t> &values, int bits)
{
    std::vector<uint32_t> words(values.size() * size_t(bits) / 32);
    if (bits == 3) {
        for (size_t run = 0; run < values.size() / 32; ++run)
            packGptq3Bit(values.data() + 32 * run, words.data() + 3 * run);
        return words;
    }
    const size_t pf = size_t(32 / bits);
    for (size_t k = 0; k < values.size(); ++k)
        words[k / pf] |= (uint32_t(values[k]) & ((1u << bits) - 1u)) << (bits * int(k % pf));
    return words;
}

// pack_to_int32: 32 / bits values per word from the low bits, the last word padded with 0.
std::vector<uint32_t> packWholeFields(const std::vector<uint8_t> &values, int bits)
{
    const size_t pf = size_t(32 / bits);
    std::vector<uint32_t> words((values.size() + pf - 1) / pf);
    for (size_t i = 0; i < values.size(); ++i)
        words[i / pf] |= uint32_t(values[i]) << (bits * int(i % pf));
    return words;
}

} // namespace

void packGptq3Bit(const uint8_t *v, uint32_t *words)
{
    uint32_t a = 0, b = 0, c = 0;
    for (int i = 0; i < 10; ++i)
        a |= uint32_t(v[i]) << (3 * i);
    a |= uint32_t(v[10] & 3u) << 30;
    b |= uint32_t(v[10] >> 2);
    for (int i = 11; i < 21; ++i)
        b |= uint32_t(v[i]) << (3 * (i - 11) + 1);
    b |= uint32_t(v[21] & 1u) << 31;
    c |= uint32_t(v[21] >> 1);
    for (int i = 22; i < 32; ++i)
        c |= uint32_t(v[i]) << (3 * (i - 22) + 2);
    words[0] = a;
    words[1] = b;
    words[2] = c;
}

std::vector<float> QuantizedMatrix::expected() const
{
    std::vector<float> w(size_t(rows * cols));
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) {
            const size_t g = size_t(r * groups + gIdx[size_t(c)]);
            w[size_t(r * cols + c)] = scales[g] * float(int32_t(codes[size_t(r * cols + c)]) - zeros[g]);
        }
    return w;
}

QuantizedMatrix randomQuantizedMatrix(const MatrixSpec &s)
{
    QuantizedMatrix m;
    m.bits = s.bits;
    m.rows = s.rows;
    m.cols = s.cols;
    m.groupSize = s.groupSize < 0 ? s.cols : s.groupSize;
    m.groups = (m.cols + m.groupSize - 1) / m.groupSize;
    std::mt19937 random(s.seed);
    const int top = (1 << s.bits) - 1;
    std::uniform_int_distribution<int> code(0, top), zero(s.lowestZero, top);
    std::uniform_real_distribution<float> scale(0.001f, 0.1f);
    for (int64_t i = 0; i < m.rows * m.cols; ++i)
        m.codes.push_back(uint8_t(code(random)));
    for (int64_t i = 0; i < m.rows * m.groups; ++i) {
        m.zeros.push_back(s.sym ? 1 << (s.bits - 1) : zero(random));
        const float x = s.bf16Scales ? bf16ToFloat(floatToBf16(scale(random))) : scale(random);
        m.scales.push_back(fp16ToFloat(floatToFp16(x)));
    }
    std::vector<int32_t> order(size_t(m.cols));
    std::iota(order.begin(), order.end(), 0);
    if (s.shuffled) // act-order: groups over consecutive permuted columns
        std::shuffle(order.begin(), order.end(), random);
    m.gIdx.resize(size_t(m.cols));
    for (int64_t i = 0; i < m.cols; ++i)
        m.gIdx[size_t(order[size_t(i)])] = int32_t(i / m.groupSize);
    return m;
}

QuantizedMatrix quantizeWeights(
    const std::vector<float> &weights, int64_t rows, int64_t cols, int bits, int64_t groupSize)
{
    QuantizedMatrix m;
    m.bits = bits;
    m.rows = rows;
    m.cols = cols;
    m.groupSize = groupSize;
    m.groups = (cols + groupSize - 1) / groupSize;
    m.codes.resize(size_t(rows * cols));
    const int top = (1 << bits) - 1;
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t g = 0; g < m.groups; ++g) {
            const float *x = weights.data() + r * cols + g * groupSize;
            const int64_t n = std::min(groupSize, cols - g * groupSize);
            const float lo = std::min(0.0f, *std::min_element(x, x + n)),
                        hi = std::max(0.0f, *std::max_element(x, x + n));
            float s = fp16ToFloat(floatToFp16((hi - lo) / float(top)));
            s = s > 0 ? s : 1.0f;
            const int z = std::clamp(int(std::lround(-lo / s)), 1, top);
            for (int64_t k = 0; k < n; ++k)
                m.codes[size_t(r * cols + g * groupSize + k)]
                    = uint8_t(std::clamp(int(std::lround(x[k] / s)) + z, 0, top));
            m.zeros.push_back(z);
            m.scales.push_back(s);
        }
    for (int64_t k = 0; k < cols; ++k)
        m.gIdx.push_back(int32_t(k / groupSize));
    return m;
}

std::vector<SafetensorsEntry> gptqEntries(const std::string &prefix, const QuantizedMatrix &m, bool v2)
{
    const int64_t codeWords = m.cols * m.bits / 32, zeroWords = m.rows * m.bits / 32;
    std::vector<uint32_t> qweight(size_t(codeWords * m.rows)), qzeros;
    std::vector<float> scales(size_t(m.groups * m.rows));
    for (int64_t n = 0; n < m.rows; ++n) {
        const std::vector<uint8_t> column(m.codes.begin() + n * m.cols, m.codes.begin() + (n + 1) * m.cols);
        const std::vector<uint32_t> words = packGptqValues(column, m.bits);
        for (int64_t j = 0; j < codeWords; ++j)
            qweight[size_t(j * m.rows + n)] = words[size_t(j)];
    }
    for (int64_t g = 0; g < m.groups; ++g) {
        std::vector<uint8_t> stored;
        for (int64_t n = 0; n < m.rows; ++n) {
            stored.push_back(uint8_t(m.zeros[size_t(n * m.groups + g)] - (v2 ? 0 : 1)));
            scales[size_t(g * m.rows + n)] = m.scales[size_t(n * m.groups + g)];
        }
        const std::vector<uint32_t> words = packGptqValues(stored, m.bits);
        qzeros.insert(qzeros.end(), words.begin(), words.end());
    }
    return { { prefix + ".qweight", "I32", { codeWords, m.rows }, bytesOf(qweight) },
        { prefix + ".qzeros", "I32", { m.groups, zeroWords }, bytesOf(qzeros) },
        { prefix + ".scales", "F16", { m.groups, m.rows }, fp16Bytes(scales) },
        { prefix + ".g_idx", "I32", { m.cols }, bytesOf(m.gIdx) } };
}

std::vector<SafetensorsEntry> awqEntries(const std::string &prefix, const QuantizedMatrix &m)
{
    static constexpr int kOrder[8] = { 0, 2, 4, 6, 1, 3, 5, 7 }; // nibble i holds output 8c + kOrder[i]
    const int64_t words = m.rows / 8;
    std::vector<uint32_t> qweight(size_t(m.cols * words)), qzeros(size_t(m.groups * words));
    std::vector<float> scales(size_t(m.groups * m.rows));
    for (int64_t c = 0; c < words; ++c)
        for (int i = 0; i < 8; ++i) {
            const int64_t n = 8 * c + kOrder[i];
            for (int64_t k = 0; k < m.cols; ++k)
                qweight[size_t(k * words + c)] |= uint32_t(m.codes[size_t(n * m.cols + k)]) << (4 * i);
            for (int64_t g = 0; g < m.groups; ++g)
                qzeros[size_t(g * words + c)] |= uint32_t(m.zeros[size_t(n * m.groups + g)]) << (4 * i);
        }
    for (int64_t g = 0; g < m.groups; ++g)
        for (int64_t n = 0; n < m.rows; ++n)
            scales[size_t(g * m.rows + n)] = m.scales[size_t(n * m.groups + g)];
    return { { prefix + ".qweight", "I32", { m.cols, words }, bytesOf(qweight) },
        { prefix + ".qzeros", "I32", { m.groups, words }, bytesOf(qzeros) },
        { prefix + ".scales", "F16", { m.groups, m.rows }, fp16Bytes(scales) } };
}

std::vector<SafetensorsEntry> compressedTensorsEntries(const std::string &prefix, const QuantizedMatrix &m, bool sym,
    const std::string &scaleDtype, const std::string &shapeDtype)
{
    const int64_t pf = 32 / m.bits;
    std::vector<uint32_t> packed;
    for (int64_t n = 0; n < m.rows; ++n) {
        const std::vector<uint8_t> row(m.codes.begin() + n * m.cols, m.codes.begin() + (n + 1) * m.cols);
        const std::vector<uint32_t> words = packWholeFields(row, m.bits);
        packed.insert(packed.end(), words.begin(), words.end());
    }
    std::vector<SafetensorsEntry> entries { { prefix + ".weight_packed", "I32", { m.rows, (m.cols + pf - 1) / pf },
                                                bytesOf(packed) },
        { prefix + ".weight_scale", scaleDtype, { m.rows, m.groups }, scaleBytes(m.scales, scaleDtype) } };
    if (!sym) { // packed along dim 0: word row j, column g holds outputs j·pf … j·pf + pf − 1
        const int64_t wordRows = (m.rows + pf - 1) / pf;
        std::vector<uint32_t> zeros(size_t(wordRows * m.groups));
        for (int64_t g = 0; g < m.groups; ++g) {
            std::vector<uint8_t> column;
            for (int64_t n = 0; n < m.rows; ++n)
                column.push_back(uint8_t(m.zeros[size_t(n * m.groups + g)]));
            const std::vector<uint32_t> words = packWholeFields(column, m.bits);
            for (int64_t j = 0; j < wordRows; ++j)
                zeros[size_t(j * m.groups + g)] = words[size_t(j)];
        }
        entries.push_back({ prefix + ".weight_zero_point", "I32", { wordRows, m.groups }, bytesOf(zeros) });
    }
    bool natural = true;
    for (int64_t k = 0; k < m.cols; ++k)
        natural = natural && m.gIdx[size_t(k)] == k / m.groupSize;
    if (!natural)
        entries.push_back({ prefix + ".weight_g_idx", "I32", { m.cols }, bytesOf(m.gIdx) });
    if (shapeDtype == "I64")
        entries.push_back({ prefix + ".weight_shape", "I64", { 2 }, bytesOf(std::vector<int64_t> { m.rows, m.cols }) });
    else
        entries.push_back({ prefix + ".weight_shape", "I32", { 2 },
            bytesOf(std::vector<int32_t> { int32_t(m.rows), int32_t(m.cols) }) });
    return entries;
}

nlohmann::json gptqConfig(int bits, int64_t groupSize, bool descAct, bool sym, const std::string &format)
{
    return { { "bits", bits }, { "group_size", groupSize }, { "desc_act", descAct }, { "sym", sym },
        { "quant_method", "gptq" }, { "checkpoint_format", format }, { "static_groups", false },
        { "true_sequential", true }, { "damp_percent", 0.01 }, { "pack_dtype", "int32" }, { "lm_head", false } };
}

nlohmann::json awqConfig(int64_t groupSize, const std::string &version)
{
    return { { "quant_method", "awq" }, { "bits", 4 }, { "group_size", groupSize }, { "zero_point", true },
        { "version", version }, { "modules_to_not_convert", nullptr } };
}

nlohmann::json compressedTensorsConfig(int bits, int64_t groupSize, bool sym, bool actOrder)
{
    const nlohmann::json weights = { { "num_bits", bits }, { "type", "int" }, { "symmetric", sym },
        { "strategy", groupSize < 0 ? "channel" : "group" },
        { "group_size", groupSize < 0 ? nlohmann::json(nullptr) : nlohmann::json(groupSize) },
        { "actorder", actOrder ? nlohmann::json("group") : nlohmann::json(nullptr) }, { "dynamic", false },
        { "observer", "minmax" } };
    return { { "quant_method", "compressed-tensors" }, { "format", "pack-quantized" },
        { "quantization_status", "compressed" }, { "ignore", { "lm_head" } }, { "kv_cache_scheme", nullptr },
        { "config_groups",
            { { "group_0",
                { { "targets", { "Linear" } }, { "weights", weights }, { "input_activations", nullptr },
                    { "output_activations", nullptr } } } } } };
}

void writePackedCheckpoint(const std::filesystem::path &directory, const std::vector<SafetensorsEntry> &entries,
    const nlohmann::json &quantization)
{
    std::filesystem::create_directories(directory);
    nlohmann::json config = { { "architectures", { "LlamaForCausalLM" } }, { "model_type", "llama" },
        { "hidden_size", 64 }, { "num_hidden_layers", 1 }, { "num_attention_heads", 4 } };
    if (!quantization.is_null())
        config["quantization_config"] = quantization;
    std::ofstream(directory / "config.json") << config.dump(2);
    writeSafetensors(directory / "model.safetensors", entries);
}

} // namespace bitcliff::test
