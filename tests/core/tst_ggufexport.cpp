// Quantized GGUF export: the streaming writer against serializeGguf; a tiny HF Llama exported
// with q8_0 and read back (llama.cpp keys and names, Q/K permutation, bytes equal to
// quantizeGgmlRow of the permuted source rows, tokenizer arrays); Qwen2 unpermuted; a
// SentencePiece-style tokenizer; GGUF -> GGUF requantization; errors leave no file behind.
#include "formats/dequantize.h"
#include "formats/ggmltypes.h"
#include "formats/gguf.h"
#include "formats/ggufstreamwriter.h"
#include "formats/hfggufmapping.h"
#include "formats/model.h"
#include "formats/tokenizerconversion.h"
#include "quant/ggmlquantize.h"
#include "quant/ggufexport.h"
#include "tokenize/pretokenizer.h"
#include "support/fixtures.h"
#include "support/tokenizerfixtures.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <nlohmann/json.hpp>

using namespace bitcliff;
namespace fs = std::filesystem;

namespace {

GgufContents readContents(const fs::path &path)
{
    const auto file = MappedFile::open(path);
    return parseGguf(file->bytes(), file->label());
}

uint64_t u64(const GgufContents &contents, const std::string &key)
{
    const GgufValue *value = contents.find(key);
    return value ? std::get<uint64_t>(value->value) : ~uint64_t(0);
}

std::string text(const GgufContents &contents, const std::string &key)
{
    const GgufValue *value = contents.find(key);
    return value ? std::get<std::string>(value->value) : std::string("<missing>");
}

const GgufArray &items(const GgufContents &contents, const std::string &key)
{
    static const GgufArray kEmpty;
    const GgufValue *value = contents.find(key);
    return value ? std::get<GgufArray>(value->value) : kEmpty;
}

std::vector<std::byte> bytesOf(const Model &model, const std::string &name)
{
    const auto bytes = model.rawBytes(*model.find(name));
    return {bytes.begin(), bytes.end()};
}

std::vector<float> rowsOf(const Model &model, const std::string &name)
{
    const TensorInfo &t = *model.find(name);
    std::vector<float> values(size_t(t.elementCount()));
    model.readRows(t, 0, t.rows(), values.data());
    return values;
}

// What the export must write for a source matrix: rows reordered (heads > 0), then encoded.
std::vector<std::byte> expectedBytes(const std::vector<float> &values, int64_t cols, DType type, int heads)
{
    const int64_t rows = int64_t(values.size()) / cols;
    const DTypeTraits &traits = dtypeTraits(type);
    const auto rowBytes = size_t(cols / traits.blockSize * traits.blockBytes);
    std::vector<std::byte> out(size_t(rows) * rowBytes);
    for (int64_t r = 0; r < rows; ++r) {
        const int64_t from = heads > 0 ? permutedSourceRow(r, rows / heads) : r;
        quantizeGgmlRow(type, values.data() + from * cols, out.data() + size_t(r) * rowBytes, cols);
    }
    return out;
}

void writeText(const fs::path &path, const std::string &content) { std::ofstream(path) << content; }

// Byte-level BPE: 28 vocab tokens, two added tokens at 30 and 31 (28, 29 are gaps).
void writeByteLevelTokenizer(const fs::path &directory)
{
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    for (int i = 0; i < 26; ++i)
        vocab[std::string(1, char('a' + i))] = i;
    vocab["\xC4\xA0"] = 26; // "Ġ"
    vocab["ab"] = 27;
    const nlohmann::ordered_json tokenizer = {
        {"added_tokens", {{{"id", 30}, {"content", "<|begin_of_text|>"}, {"special", true}},
                          {{"id", 31}, {"content", "<|user|>"}, {"special", false}}}},
        {"pre_tokenizer", {{"type", "Sequence"}, {"pretokenizers", {{{"type", "Split"}}, {{"type", "ByteLevel"}}}}}},
        {"decoder", {{"type", "ByteLevel"}}},
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", {"a b", {"b", "c"}}}}}};
    writeText(directory / "tokenizer.json", tokenizer.dump());
    writeText(directory / "tokenizer_config.json",
              R"({"bos_token": "<|begin_of_text|>", "eos_token": {"content": "<|user|>"}, "add_bos_token": true,
                  "chat_template": "{{ messages }}"})");
}

void setArchitecture(const fs::path &directory, const std::string &from, const std::string &to)
{
    std::ifstream in(directory / "config.json");
    std::string config((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    config.replace(config.find(from), from.size(), to);
    writeText(directory / "config.json", config);
}

} // namespace

class TestGgufExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void streamWriterMatchesSerializeGguf()
    {
        const GgufMetadata metadata{{"general.architecture", ggufString("llama")}, {"x.n", ggufU32(7)}};
        std::vector<GgufTensorEntry> tensors{{"a", {3}, 0, test::f32Bytes({1, 2, 3})},
                                             {"empty", {0}, 0, {}},
                                             {"b", {2, 2}, 0, test::f32Bytes({4, 5, 6, 7})}};
        for (uint64_t alignment : {uint64_t(32), uint64_t(64)}) {
            std::vector<GgufTensorLayout> layouts;
            for (const GgufTensorEntry &t : tensors)
                layouts.push_back({t.name, t.shape, t.ggmlType, t.data.size()});
            const fs::path path = fs::path(m_dir.path().toStdString()) / "stream.gguf";
            GgufStreamWriter writer(path, metadata, layouts, alignment);
            writer.write(std::span(tensors[0].data).first(5)); // tensors may arrive in pieces
            writer.write(std::span(tensors[0].data).subspan(5));
            writer.write(tensors[2].data);
            writer.commit();
            std::ifstream in(path, std::ios::binary);
            std::vector<char> written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const std::vector<std::byte> expected = serializeGguf(metadata, tensors, alignment);
            QCOMPARE(written.size(), expected.size());
            QVERIFY(std::memcmp(written.data(), expected.data(), expected.size()) == 0);
        }
    }

    void streamWriterLeavesNothingUnlessCommitted()
    {
        const fs::path path = fs::path(m_dir.path().toStdString()) / "abandoned.gguf";
        {
            GgufStreamWriter writer(path, {}, {{"a", {4}, 0, 16}});
            writer.write(test::f32Bytes({1, 2}));
            QVERIFY_THROWS_EXCEPTION(Error, writer.commit()); // 8 bytes missing
            QVERIFY_THROWS_EXCEPTION(Error, writer.write(test::f32Bytes({1, 2, 3}))); // too many
        }
        QVERIFY(!fs::exists(path));
        for (const auto &entry : fs::directory_iterator(path.parent_path()))
            QVERIFY2(entry.path().filename().string().find("abandoned") == std::string::npos,
                     entry.path().string().c_str());
    }

    void hfLlamaToQ8_0()
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "llama";
        test::writeTinyLlama(dir, 2, 32, 3); // 4 heads of 8, 2 KV heads
        writeByteLevelTokenizer(dir);
        const fs::path out = dir.parent_path() / "llama-q8_0.gguf";
        const auto source = openModel(dir);
        std::vector<std::string> notes;
        QCOMPARE(exportQuantizedGguf(*source, QuantScheme::parse("q8_0"), out, {}, &notes), 2 * 7 + 2);
        QVERIFY2(notes.empty(), notes.empty() ? "" : notes.front().c_str());

        const GgufContents contents = readContents(out);
        QCOMPARE(text(contents, "general.architecture"), std::string("llama"));
        QCOMPARE(text(contents, "general.name"), std::string("llama"));
        QCOMPARE(u64(contents, "general.file_type"), uint64_t(7));
        QCOMPARE(u64(contents, "general.quantization_version"), uint64_t(2));
        QCOMPARE(u64(contents, "llama.embedding_length"), uint64_t(32));
        QCOMPARE(u64(contents, "llama.block_count"), uint64_t(2));
        QCOMPARE(u64(contents, "llama.feed_forward_length"), uint64_t(64));
        QCOMPARE(u64(contents, "llama.attention.head_count"), uint64_t(4));
        QCOMPARE(u64(contents, "llama.attention.head_count_kv"), uint64_t(2));
        QCOMPARE(u64(contents, "llama.rope.dimension_count"), uint64_t(8));
        QCOMPARE(u64(contents, "llama.vocab_size"), uint64_t(32));
        QCOMPARE(contents.find("llama.attention.layer_norm_rms_epsilon")->type, uint32_t(GgufType::F32));
        QCOMPARE(float(std::get<double>(contents.find("llama.attention.layer_norm_rms_epsilon")->value)), 1e-5f);
        QCOMPARE(float(std::get<double>(contents.find("llama.rope.freq_base")->value)), 10000.0f);
        const ArchitectureSummary arch = ggufArchitecture(contents);
        QCOMPARE(arch.layers, 2);
        QCOMPARE(arch.hiddenSize, 32);
        QCOMPARE(arch.kvHeads, 2);

        const auto exported = openModel(out);
        QCOMPARE(exported->tensors().size(), source->tensors().size());
        QCOMPARE(exported->tensors().front().name, std::string("token_embd.weight"));
        QCOMPARE(exported->tensors().back().name, std::string("output.weight"));
        QCOMPARE(exported->find("blk.1.attn_norm.weight")->dtype, DType::F32);
        QCOMPARE(exported->find("blk.1.ffn_norm.weight")->dtype, DType::F32);
        QCOMPARE(exported->find("output_norm.weight")->dtype, DType::F32);
        QCOMPARE(exported->find("blk.1.attn_q.weight")->shape, (std::vector<int64_t>{32, 32}));
        QCOMPARE(exported->find("blk.1.attn_k.weight")->shape, (std::vector<int64_t>{16, 32}));
        for (const char *name : {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"})
            QCOMPARE(exported->find("blk.0." + std::string(name) + ".weight")->dtype, DType::Q8_0);

        // Bytes are quantizeGgmlRow of the source rows, q and k permuted by (KV) heads.
        struct Case { const char *hf, *gguf; int heads; };
        for (const Case &c : {Case{"model.layers.0.self_attn.q_proj.weight", "blk.0.attn_q.weight", 4},
                              Case{"model.layers.1.self_attn.k_proj.weight", "blk.1.attn_k.weight", 2},
                              Case{"model.layers.1.self_attn.v_proj.weight", "blk.1.attn_v.weight", 0},
                              Case{"model.layers.0.mlp.down_proj.weight", "blk.0.ffn_down.weight", 0},
                              Case{"model.embed_tokens.weight", "token_embd.weight", 0}}) {
            const TensorInfo &t = *source->find(c.hf);
            QVERIFY2(bytesOf(*exported, c.gguf) == expectedBytes(rowsOf(*source, c.hf), t.cols(), DType::Q8_0, c.heads),
                     c.gguf);
        }
        // Dequantized: attn_q row 2i+h of each head is source row h*4+i (within Q8_0 error).
        const std::vector<float> q = rowsOf(*source, "model.layers.0.self_attn.q_proj.weight");
        const std::vector<float> qOut = rowsOf(*exported, "blk.0.attn_q.weight");
        for (int64_t row : {1, 2, 9, 30}) {
            const int64_t from = (row / 8) * 8 + (row % 2) * 4 + (row % 8) / 2;
            QVERIFY(from != row);
            for (int64_t c = 0; c < 32; ++c)
                QVERIFY(std::abs(qOut[size_t(row * 32 + c)] - q[size_t(from * 32 + c)]) < 0.02f);
        }
        const std::vector<float> norm = rowsOf(*exported, "blk.0.attn_norm.weight");
        QCOMPARE(norm, rowsOf(*source, "model.layers.0.input_layernorm.weight"));

        // Tokenizer: byte-level BPE with gaps padded, added tokens typed, merges in both forms.
        QCOMPARE(text(contents, "tokenizer.ggml.model"), std::string("gpt2"));
        QCOMPARE(text(contents, "tokenizer.ggml.pre"), std::string("llama-bpe"));
        const GgufArray &tokens = items(contents, "tokenizer.ggml.tokens");
        const GgufArray &types = items(contents, "tokenizer.ggml.token_type");
        QCOMPARE(tokens.size(), size_t(32));
        QCOMPARE(types.size(), size_t(32));
        QCOMPARE(std::get<std::string>(tokens[26].value), std::string("\xC4\xA0"));
        QCOMPARE(std::get<std::string>(tokens[29].value), std::string("[PAD29]"));
        QCOMPARE(std::get<std::string>(tokens[30].value), std::string("<|begin_of_text|>"));
        QCOMPARE(types[0].type, uint32_t(GgufType::I32));
        QCOMPARE(std::get<int64_t>(types[0].value), int64_t(1));
        QCOMPARE(std::get<int64_t>(types[29].value), int64_t(5));
        QCOMPARE(std::get<int64_t>(types[30].value), int64_t(3));
        QCOMPARE(std::get<int64_t>(types[31].value), int64_t(3)); // "<|user|>", not special, looks special
        const GgufArray &merges = items(contents, "tokenizer.ggml.merges");
        QCOMPARE(merges.size(), size_t(2));
        QCOMPARE(std::get<std::string>(merges[1].value), std::string("b c"));
        QCOMPARE(u64(contents, "tokenizer.ggml.bos_token_id"), uint64_t(30));
        QCOMPARE(u64(contents, "tokenizer.ggml.eos_token_id"), uint64_t(31));
        QCOMPARE(std::get<bool>(contents.find("tokenizer.ggml.add_bos_token")->value), true);
        QCOMPARE(text(contents, "tokenizer.chat_template"), std::string("{{ messages }}"));
    }

    // tokenizer.ggml.pre follows what the tokenizer.json splits with, not the architecture.
    void preTokenizerNameFollowsTheTokenizer()
    {
        auto tokenizer = test::byteLevelTokenizer({{"a", "b"}});
        const auto pre = [](const nlohmann::ordered_json &json, const std::string &arch) {
            const TokenizerConversion converted = convertHfTokenizer(json.dump(), "", "", arch, 300, "t");
            for (const auto &[key, value] : converted.metadata)
                if (key == "tokenizer.ggml.pre")
                    return std::get<std::string>(value.value);
            return std::string("(none)");
        };
        QCOMPARE(pre(tokenizer, "llama"), std::string("gpt-2")); // a lone ByteLevel: GPT-2's regex
        tokenizer["pre_tokenizer"] = {{"type", "Sequence"},
                                      {"pretokenizers",
                                       {{{"type", "Digits"}, {"individual_digits", true}},
                                        {{"type", "ByteLevel"}, {"use_regex", true}}}}};
        QCOMPARE(pre(tokenizer, "llama"), std::string("smollm"));
        tokenizer["pre_tokenizer"] = {{"type", "Sequence"},
                                      {"pretokenizers",
                                       {{{"type", "Split"}, {"pattern", {{"Regex", pretokenizerpatterns::kQwen2}}}},
                                        {{"type", "ByteLevel"}, {"use_regex", false}}}}};
        QCOMPARE(pre(tokenizer, "llama"), std::string("qwen2"));
        tokenizer["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = pretokenizerpatterns::kLlama3;
        QCOMPARE(pre(tokenizer, "qwen2"), std::string("llama-bpe"));
    }

    void qwen2IsNotPermuted()
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "qwen";
        test::writeTinyLlama(dir, 1, 32, 3);
        setArchitecture(dir, "LlamaForCausalLM", "Qwen2ForCausalLM");
        writeByteLevelTokenizer(dir);
        const fs::path out = dir.parent_path() / "qwen-q4_0.gguf";
        const auto source = openModel(dir);
        QCOMPARE(exportQuantizedGguf(*source, QuantScheme::parse("q4_0"), out), 7 + 2);
        const GgufContents contents = readContents(out);
        QCOMPARE(text(contents, "general.architecture"), std::string("qwen2"));
        QCOMPARE(u64(contents, "general.file_type"), uint64_t(2));
        QCOMPARE(u64(contents, "qwen2.block_count"), uint64_t(1));
        QCOMPARE(text(contents, "tokenizer.ggml.pre"), std::string("qwen2"));
        const auto exported = openModel(out);
        for (const char *name : {"q_proj", "k_proj"}) {
            const std::string hf = "model.layers.0.self_attn." + std::string(name) + ".weight";
            const std::string gguf = std::string("blk.0.attn_") + name[0] + ".weight";
            QVERIFY(bytesOf(*exported, gguf) == expectedBytes(rowsOf(*source, hf), 32, DType::Q4_0, 0));
        }
    }

    void withoutTokenizerNotesIt()
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "notok";
        test::writeTinyLlama(dir, 1, 32, 3);
        const fs::path out = dir.parent_path() / "notok.gguf";
        std::vector<std::string> notes;
        exportQuantizedGguf(*openModel(dir), QuantScheme::parse("q8_0"), out, {}, &notes);
        QCOMPARE(notes.size(), size_t(1));
        QVERIFY(notes.front().find("tokenizer.json") != std::string::npos);
        const GgufContents contents = readContents(out);
        QVERIFY(!contents.find("tokenizer.ggml.model"));
        QVERIFY(!contents.find("tokenizer.ggml.tokens"));
    }

    void sentencePieceTokenizer()
    {
        const std::string tokenizer = R"({
            "added_tokens": [{"id": 0, "content": "<unk>", "special": true}, {"id": 1, "content": "<s>", "special": true},
                             {"id": 2, "content": "</s>", "special": true}],
            "decoder": {"type": "Sequence", "decoders": [{"type": "Replace"}, {"type": "ByteFallback"}]},
            "model": {"type": "BPE", "byte_fallback": true,
                      "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0x0A>": 3, "\u2581a": 4, "b": 5},
                      "merges": ["\u2581 a"]}})";
        const TokenizerConversion result = convertHfTokenizer(tokenizer, R"({"add_bos_token": true, "bos_token": "<s>"})",
                                                              R"({"eos_token_id": 2})", "llama", 6, "tokenizer.json");
        QVERIFY(result.note.empty());
        auto find = [&](const std::string &key) -> const GgufValue & {
            for (const auto &entry : result.metadata)
                if (entry.first == key)
                    return entry.second;
            static const GgufValue kMissing;
            return kMissing;
        };
        QCOMPARE(std::get<std::string>(find("tokenizer.ggml.model").value), std::string("llama"));
        const GgufArray &tokens = std::get<GgufArray>(find("tokenizer.ggml.tokens").value);
        const GgufArray &scores = std::get<GgufArray>(find("tokenizer.ggml.scores").value);
        const GgufArray &types = std::get<GgufArray>(find("tokenizer.ggml.token_type").value);
        QCOMPARE(tokens.size(), size_t(6));
        QCOMPARE(scores.size(), size_t(6));
        QCOMPARE(std::get<std::string>(tokens[4].value), std::string("\xE2\x96\x81" "a"));
        QVERIFY(std::get<double>(scores[4].value) > std::get<double>(scores[5].value)); // merged first
        const std::vector<int64_t> expectedTypes{2, 3, 3, 6, 1, 1};
        for (size_t i = 0; i < expectedTypes.size(); ++i)
            QCOMPARE(std::get<int64_t>(types[i].value), expectedTypes[i]);
        QCOMPARE(std::get<uint64_t>(find("tokenizer.ggml.bos_token_id").value), uint64_t(1));
        QCOMPARE(std::get<uint64_t>(find("tokenizer.ggml.eos_token_id").value), uint64_t(2));
        QCOMPARE(std::get<uint64_t>(find("tokenizer.ggml.unknown_token_id").value), uint64_t(0));
        QCOMPARE(find("tokenizer.ggml.merges").type, uint32_t(0)); // SPM vocabularies carry none
    }

    // convert_hf_to_gguf's rule: added tokens not marked special that look like control
    // tokens are written as control tokens (llama.cpp would otherwise retype them itself).
    void addedTokensThatLookSpecialAreControl()
    {
        const std::string tokenizer = R"({
            "added_tokens": [{"id": 3, "content": "<|fim_prefix|>", "special": false},
                             {"id": 4, "content": "<think>", "special": false},
                             {"id": 5, "content": "<unused0>", "special": false},
                             {"id": 6, "content": "<\uff5cend\uff5c>", "special": false},
                             {"id": 7, "content": "<|endoftext|>", "special": true},
                             {"id": 8, "content": "<|x", "special": false}],
            "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
            "decoder": {"type": "ByteLevel"},
            "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}})";
        const TokenizerConversion result = convertHfTokenizer(tokenizer, "{}", "{}", "llama", 9, "tokenizer.json");
        QVERIFY2(result.note.empty(), result.note.c_str());
        const GgufValue *types = nullptr;
        for (const auto &entry : result.metadata)
            if (entry.first == "tokenizer.ggml.token_type")
                types = &entry.second;
        QVERIFY(types);
        const std::vector<int64_t> expected{1, 1, 1, 3, 4, 3, 3, 3, 4}; // normal, control 3, user-defined 4
        for (size_t i = 0; i < expected.size(); ++i)
            QCOMPARE(std::get<int64_t>(std::get<GgufArray>(types->value)[i].value), expected[i]);
    }

    void ggufRequantizedToQ4_0()
    {
        const std::vector<float> embd = test::randomValues(8 * 64, 11, 0.05f);
        const std::vector<float> q = test::randomValues(64 * 64, 12, 0.05f);
        const std::vector<float> down = test::randomValues(64 * 48, 13, 0.05f); // 48: not a block multiple
        const std::vector<float> norm(64, 1.0f);
        const GgufMetadata metadata{{"general.architecture", ggufString("llama")},
                                    {"general.name", ggufString("tiny")},
                                    {"general.file_type", ggufU32(0)},
                                    {"llama.block_count", ggufU32(1)},
                                    {"general.alignment", ggufU32(64)}};
        const fs::path in = fs::path(m_dir.path().toStdString()) / "f32.gguf";
        writeGguf(in,  metadata,
                  {{"token_embd.weight", {8, 64}, 0, test::f32Bytes(embd)},
                   {"blk.0.attn_norm.weight", {64}, 0, test::f32Bytes(norm)},
                   {"blk.0.attn_q.weight", {64, 64}, 0, test::f32Bytes(q)},
                   {"blk.0.ffn_down.weight", {64, 48}, 0, test::f32Bytes(down)}},
                  64);
        const fs::path out = in.parent_path() / "q4_0.gguf";
        const auto source = openModel(in);
        QCOMPARE(exportQuantizedGguf(*source, QuantScheme::parse("q4_0"), out), 3);

        const GgufContents contents = readContents(out);
        QCOMPARE(contents.alignment, uint64_t(64));
        QCOMPARE(contents.metadata.size(), metadata.size() + 1); // quantization_version added
        for (size_t i = 0; i < metadata.size(); ++i)
            QCOMPARE(contents.metadata[i].first, metadata[i].first);
        QCOMPARE(u64(contents, "general.file_type"), uint64_t(2));
        QCOMPARE(u64(contents, "general.quantization_version"), uint64_t(2));
        QCOMPARE(text(contents, "general.name"), std::string("tiny"));
        const auto exported = openModel(out);
        QCOMPARE(exported->find("token_embd.weight")->dtype, DType::Q4_0);
        QCOMPARE(exported->find("blk.0.attn_q.weight")->dtype, DType::Q4_0);
        QCOMPARE(exported->find("blk.0.attn_norm.weight")->dtype, DType::F32);
        // Rows of 48 fit no 32-block: F16, as llama-quantize falls back (not an error).
        QCOMPARE(exported->find("blk.0.ffn_down.weight")->dtype, DType::F16);
        QVERIFY(bytesOf(*exported, "blk.0.attn_q.weight") == expectedBytes(q, 64, DType::Q4_0, 0)); // GGUF: no permutation
        const std::vector<float> downBack = rowsOf(*exported, "blk.0.ffn_down.weight");
        for (size_t i = 0; i < down.size(); ++i)
            QCOMPARE(downBack[i], float(_Float16(down[i])));
        QVERIFY(bytesOf(*exported, "blk.0.attn_norm.weight") == bytesOf(*source, "blk.0.attn_norm.weight"));

        // Requantizing the Q4_0 file again (Q4_0 -> Q8_0) reads it dequantized.
        const fs::path again = in.parent_path() / "q8_0.gguf";
        QCOMPARE(exportQuantizedGguf(*exported, QuantScheme::parse("q8_0"), again), 3);
        QCOMPARE(u64(readContents(again), "general.file_type"), uint64_t(7));
    }

    // IQ4_NL as an export type (file_type 25, LLAMA_FTYPE_MOSTLY_IQ4_NL; rows of 96 fit its
    // 32-blocks but no K-quant) and as the source of a requantization, read dequantized.
    void ggufRequantizedFromIq4Nl()
    {
        const std::vector<float> embd = test::randomValues(8 * 96, 21, 0.05f);
        const std::vector<float> q = test::randomValues(96 * 96, 22, 0.05f);
        const GgufMetadata metadata{{"general.architecture", ggufString("llama")},
                                    {"general.name", ggufString("tiny")},
                                    {"llama.block_count", ggufU32(1)}};
        const fs::path in = fs::path(m_dir.path().toStdString()) / "iq4-source.gguf";
        writeGguf(in, metadata,
                  {{"token_embd.weight", {8, 96}, 0, test::f32Bytes(embd)},
                   {"blk.0.attn_q.weight", {96, 96}, 0, test::f32Bytes(q)}});
        const fs::path iq4 = in.parent_path() / "iq4_nl.gguf";
        QCOMPARE(exportQuantizedGguf(*openModel(in), QuantScheme::parse("iq4_nl"), iq4), 2);
        QCOMPARE(u64(readContents(iq4), "general.file_type"), uint64_t(25));
        const auto exported = openModel(iq4);
        QCOMPARE(exported->find("blk.0.attn_q.weight")->dtype, DType::IQ4_NL);
        QCOMPARE(exported->find("blk.0.attn_q.weight")->dtypeLabel, std::string("IQ4_NL"));
        QVERIFY(bytesOf(*exported, "blk.0.attn_q.weight") == expectedBytes(q, 96, DType::IQ4_NL, 0));

        const std::vector<float> decoded = rowsOf(*exported, "blk.0.attn_q.weight");
        const fs::path again = in.parent_path() / "from-iq4_nl-q8_0.gguf";
        QCOMPARE(exportQuantizedGguf(*exported, QuantScheme::parse("q8_0"), again), 2);
        QVERIFY(bytesOf(*openModel(again), "blk.0.attn_q.weight") == expectedBytes(decoded, 96, DType::Q8_0, 0));
    }

    void errorsLeaveNoFile_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("mention");
        QTest::newRow("non-GGUF scheme") << "nf4:g32" << "" << "x.gguf" << "GGUF block type";
        QTest::newRow("unsupported architecture") << "q8_0" << "GPT2LMHeadModel" << "x.gguf" << "GPT2LMHeadModel";
        QTest::newRow("unwritable path") << "q8_0" << "" << "missing-dir/x.gguf" << "cannot write";
        QTest::newRow("unknown tensor") << "q8_0" << "extra" << "x.gguf" << "model.extra.weight";
    }

    void errorsLeaveNoFile()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, architecture);
        QFETCH(QString, output);
        QFETCH(QString, mention);
        QTemporaryDir dir;
        const fs::path model = fs::path(dir.path().toStdString()) / "model";
        test::writeTinyLlama(model, 1, 32, 3);
        if (architecture == "extra")
            writeSafetensors(model / "extra.safetensors", {test::f32Entry("model.extra.weight", {2, 32}, std::vector<float>(64))});
        else if (!architecture.isEmpty())
            setArchitecture(model, "LlamaForCausalLM", architecture.toStdString());
        const fs::path out = fs::path(dir.path().toStdString()) / output.toStdString();
        try {
            exportQuantizedGguf(*openModel(model), QuantScheme::parse(scheme.toStdString()), out);
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find(mention.toStdString()) != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find('\n') == std::string::npos, e.what());
        }
        int files = 0;
        for (const auto &entry : fs::recursive_directory_iterator(dir.path().toStdString()))
            files += entry.path().extension() == ".gguf" || entry.path().string().find(".tmp-") != std::string::npos;
        QCOMPARE(files, 0);
    }

    void cancelLeavesNoFile()
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / "cancel";
        test::writeTinyLlama(dir, 2, 32, 3);
        const fs::path out = dir.parent_path() / "cancel.gguf";
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, exportQuantizedGguf(*openModel(dir), QuantScheme::parse("q4_0"), out,
                                                                [&](double) { return ++calls < 5; }));
        QVERIFY(!fs::exists(out));
        for (const auto &entry : fs::directory_iterator(dir.parent_path()))
            QVERIFY(entry.path().string().find(".tmp-") == std::string::npos);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_APPLESS_MAIN(TestGgufExport)
#include "tst_ggufexport.moc"
