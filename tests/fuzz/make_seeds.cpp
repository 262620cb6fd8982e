// Writes the seed corpora of the fuzz targets: a few small valid files per format, so that
// libFuzzer starts from real structure instead of random bytes.
//   fuzz_make_seeds <dir>  →  <dir>/seeds/{safetensors,gguf,tokenizer}/*, empty <dir>/corpus/{...}/
#include "formats/ggufwriter.h"
#include "formats/safetensorswriter.h"
#include "formats/tokenizerconversion.h"
#include "util/floatformats.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

template<typename T>
std::vector<std::byte> bytesOf(const std::vector<T> &values)
{
    std::vector<std::byte> out(values.size() * sizeof(T));
    if (!out.empty())
        std::memcpy(out.data(), values.data(), out.size());
    return out;
}

std::vector<std::byte> ramp(size_t count, int seed)
{
    std::vector<std::byte> out(count);
    for (size_t i = 0; i < count; ++i)
        out[i] = static_cast<std::byte>((i * 37 + static_cast<size_t>(seed) * 11) & 0xFF);
    return out;
}

void writeSafetensorsSeeds(const fs::path &dir)
{
    writeSafetensors(dir / "tiny_f32.safetensors", {{"w", "F32", {2, 3}, bytesOf(std::vector<float>{1, -2, 3, 0.5f, 0, 7})}});
    writeSafetensors(dir / "mixed.safetensors",
                     {{"h", "F16", {4}, bytesOf(std::vector<uint16_t>{0x3C00, 0x8000, 0x0001, 0x7BFF})},
                      {"b", "BF16", {2, 2}, bytesOf(std::vector<uint16_t>{0x3F80, 0xC049, 0x0001, 0x7F80})},
                      {"q", "F8_E4M3", {8}, bytesOf(std::vector<uint8_t>{0x38, 0xB8, 0x7E, 0x7F, 0x01, 0x80, 0xFE, 0})}},
                     {{"format", "pt"}});
    writeSafetensors(dir / "odd_shapes.safetensors",
                     {{"scalar", "F32", {}, bytesOf(std::vector<float>{42})},
                      {"empty", "F16", {0, 4}, {}},
                      {"ids", "I64", {2}, bytesOf(std::vector<int64_t>{1, 2})},
                      {"mask", "BOOL", {3}, bytesOf(std::vector<uint8_t>{1, 0, 1})},
                      {"packed", "F4", {2, 2}, bytesOf(std::vector<uint8_t>{0x12, 0x34})},
                      {"cube", "F32", {2, 2, 2}, ramp(32, 1)}});
    writeSafetensors(dir / "layer.safetensors",
                     {{"model.embed_tokens.weight", "BF16", {8, 4}, ramp(64, 2)},
                      {"model.layers.0.self_attn.q_proj.weight", "BF16", {4, 4}, ramp(32, 3)},
                      {"model.layers.0.mlp.down_proj.weight", "F16", {4, 8}, ramp(64, 4)},
                      {"model.layers.0.input_layernorm.weight", "F32", {4}, ramp(16, 5)}},
                     {{"format", "pt"}, {"total_size", "176"}});
    writeSafetensors(dir / "empty.safetensors", {});
}

GgufValue number(uint32_t type, uint64_t value) { return {type, value}; }
GgufValue signedNumber(uint32_t type, int64_t value) { return {type, value}; }
GgufValue real(uint32_t type, double value) { return {type, value}; }
GgufValue text(std::string value) { return {GgufType::String, std::move(value)}; }

GgufValue strings(std::initializer_list<const char *> items)
{
    GgufArray array;
    for (const char *item : items)
        array.push_back(text(item));
    GgufValue value{GgufType::Array, std::move(array)};
    value.arrayType = GgufType::String;
    return value;
}

// One Q8_0 block: fp16 scale, 32 int8 quants.
std::vector<std::byte> q8Block(float scale)
{
    std::vector<std::byte> block(34);
    const uint16_t d = floatToFp16(scale);
    std::memcpy(block.data(), &d, 2);
    for (int i = 0; i < 32; ++i)
        block[static_cast<size_t>(2 + i)] = static_cast<std::byte>(static_cast<int8_t>(i - 16));
    return block;
}

void writeGgufSeeds(const fs::path &dir)
{
    writeGguf(dir / "tiny.gguf",
              {{"general.architecture", text("llama")},
               {"llama.block_count", number(GgufType::U32, 1)},
               {"llama.context_length", number(GgufType::U32, 128)},
               {"llama.embedding_length", number(GgufType::U32, 4)},
               {"llama.attention.layer_norm_rms_epsilon", real(GgufType::F32, 1e-5)},
               {"tokenizer.ggml.tokens", strings({"<s>", "a", "b"})}},
              {{"token_embd.weight", {2, 4}, 0, bytesOf(std::vector<float>{1, 2, 3, 4, -1, -2, -3, -4})},
               {"blk.0.attn_q.weight", {1, 32}, 8, q8Block(0.25f)},
               {"blk.0.attn_norm.weight", {8}, 1, bytesOf(std::vector<uint16_t>(8, 0x3C00))}});

    std::vector<std::byte> q4k(144);
    const uint16_t one = floatToFp16(1.0f);
    std::memcpy(q4k.data(), &one, 2);
    for (size_t i = 4; i < q4k.size(); ++i)
        q4k[i] = static_cast<std::byte>(i * 13);
    writeGguf(dir / "quantized.gguf",
              {{"general.architecture", text("qwen2")},
               {"general.file_type", number(GgufType::U32, 15)},
               {"general.quantization_version", number(GgufType::U32, 2)}},
              {{"blk.0.ffn_down.weight", {2, 32}, 2, ramp(36, 6)}, {"blk.0.ffn_up.weight", {1, 256}, 12, q4k}},
              64);

    GgufArray nested{strings({"x"}), strings({"y", "z"})};
    GgufValue nestedValue{GgufType::Array, std::move(nested)};
    nestedValue.arrayType = GgufType::Array;
    writeGguf(dir / "metadata_only.gguf",
              {{"a.i8", signedNumber(GgufType::I8, -5)},
               {"a.u16", number(GgufType::U16, 65535)},
               {"a.i32", signedNumber(GgufType::I32, -70000)},
               {"a.bool", GgufValue{GgufType::Bool, true}},
               {"a.u64", number(GgufType::U64, 1ull << 40)},
               {"a.i64", signedNumber(GgufType::I64, -(1ll << 40))},
               {"a.f64", real(GgufType::F64, 3.5)},
               {"a.nested", nestedValue}},
              {});
}

// A byte-level and a SentencePiece tokenizer.json, both also as GGUF keys, and multilingual text.
void writeTokenizerSeeds(const fs::path &dir)
{
    const std::string byteLevel = R"({"added_tokens": [{"id": 11, "content": "<|eot|>", "special": true,
        "lstrip": false, "rstrip": true, "single_word": false, "normalized": false}],
      "normalizer": {"type": "NFC"},
      "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
        {"type": "Split", "pattern": {"Regex": "\\p{L}+|\\p{N}|\\s+"}, "behavior": "Isolated", "invert": false},
        {"type": "ByteLevel", "add_prefix_space": false, "use_regex": false}]},
      "decoder": {"type": "ByteLevel"},
      "model": {"type": "BPE", "ignore_merges": true,
        "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "\u0120": 4, "w": 5, "he": 6, "ll": 7, "hell": 8, "hello": 9,
                  "\u0120w": 10},
        "merges": ["h e", "l l", "he ll", ["hell", "o"], "\u0120 w"]}})";
    const std::string sentencePiece = R"({"added_tokens": [{"id": 0, "content": "<unk>", "special": true},
        {"id": 1, "content": "<s>", "special": true}, {"id": 2, "content": "</s>", "special": true}],
      "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "\u2581"},
        {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]},
      "decoder": {"type": "Sequence", "decoders": [{"type": "ByteFallback"}, {"type": "Fuse"},
        {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
      "model": {"type": "BPE", "byte_fallback": true, "fuse_unk": true, "unk_token": "<unk>",
        "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0x0A>": 3, "<0xC3>": 4, "<0xA9>": 5, "\u2581": 6, "a": 7,
                  "b": 8, "\u2581a": 9, "ab": 10},
        "merges": ["\u2581 a", "a b"]}})";
    std::ofstream(dir / "bytelevel.json") << byteLevel;
    std::ofstream(dir / "sentencepiece.json") << sentencePiece;
    std::ofstream(dir / "text.txt") << "Hello w\xC3\xB6rld, \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E 123 <s>"
                                       "\xD0\xBF\xD1\x80\xD0\xB8 \xE0\xA4\xB9\xE0\xA4\xBF  \n\n\tx";
    writeGguf(dir / "sentencepiece.gguf", convertHfTokenizer(sentencePiece, "", "", "llama", 0, "seed").metadata, {});
    writeGguf(dir / "bytelevel.gguf", convertHfTokenizer(byteLevel, "", "", "qwen2", 0, "seed").metadata, {});
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output dir>\n", argv[0]);
        return 2;
    }
    try {
        const fs::path root = argv[1];
        for (const char *format : {"safetensors", "gguf", "tokenizer"}) {
            fs::create_directories(root / "seeds" / format);
            fs::create_directories(root / "corpus" / format); // libFuzzer adds its finds here
        }
        writeSafetensorsSeeds(root / "seeds" / "safetensors");
        writeGgufSeeds(root / "seeds" / "gguf");
        writeTokenizerSeeds(root / "seeds" / "tokenizer");
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fuzz_make_seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
