#include "benchcheckpoint.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bitcliff::bench {

namespace {

struct Spec
{
    std::string name;
    int64_t rows, cols;
};

// Fast heavy-tailed-ish values: the sum of two uniforms, scaled, with rare spikes.
class FastValues
{
public:
    uint16_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        const float a = float(m_state & 0xFFFF) / 65536.0f, b = float((m_state >> 16) & 0xFFFF) / 65536.0f;
        float v = (a + b - 1.0f) * 0.04f;
        if ((m_state >> 40 & 0x3FF) == 0)
            v *= 30.0f;
        uint32_t bits;
        std::memcpy(&bits, &v, 4);
        return static_cast<uint16_t>(bits >> 16);
    }

private:
    uint64_t m_state = 0x9E3779B97F4A7C15ull;
};

} // namespace

uint64_t writeLlamaShapedCheckpoint(const std::filesystem::path &file, uint64_t targetBytes)
{
    const int64_t hidden = 2048, inter = 5632, kv = 256, vocab = 32000;
    std::vector<Spec> specs{{"model.embed_tokens.weight", vocab, hidden}};
    uint64_t bytes = uint64_t(vocab * hidden * 2);
    for (int layer = 0; bytes < targetBytes; ++layer) {
        const std::string p = "model.layers." + std::to_string(layer) + ".";
        for (const Spec &s : {Spec{p + "self_attn.q_proj.weight", hidden, hidden}, Spec{p + "self_attn.k_proj.weight", kv, hidden},
                              Spec{p + "self_attn.v_proj.weight", kv, hidden}, Spec{p + "self_attn.o_proj.weight", hidden, hidden},
                              Spec{p + "mlp.gate_proj.weight", inter, hidden}, Spec{p + "mlp.up_proj.weight", inter, hidden},
                              Spec{p + "mlp.down_proj.weight", hidden, inter}}) {
            specs.push_back(s);
            bytes += uint64_t(s.rows * s.cols * 2);
            if (bytes >= targetBytes)
                break;
        }
    }
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    uint64_t offset = 0;
    for (const Spec &s : specs) {
        const uint64_t size = uint64_t(s.rows * s.cols * 2);
        header[s.name] = {{"dtype", "BF16"}, {"shape", {s.rows, s.cols}}, {"data_offsets", {offset, offset + size}}};
        offset += size;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    const uint64_t n = text.size();
    out.write(reinterpret_cast<const char *>(&n), 8);
    out.write(text.data(), std::streamsize(text.size()));
    FastValues values;
    std::vector<uint16_t> buffer(1 << 20);
    uint64_t remaining = offset / 2;
    while (remaining > 0) {
        const size_t count = size_t(std::min<uint64_t>(remaining, buffer.size()));
        for (size_t i = 0; i < count; ++i)
            buffer[i] = values.next();
        out.write(reinterpret_cast<const char *>(buffer.data()), std::streamsize(count * 2));
        remaining -= count;
    }
    out.close();
    return 8 + text.size() + offset;
}

} // namespace bitcliff::bench
