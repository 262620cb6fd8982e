#pragma once
// A quantization scheme and its short text form, used everywhere (GUI, command line,
// reports). Grammar: METHOD[:OPTION]...  (case-insensitive)
//   rtn     integer round-to-nearest  options: bN (2..8, default 4), gN (group of N input
//           elements, N divides the row; default g128) | channel | tensor, sym | asym
//           (default sym), clip (MSE-optimal clipping search)         e.g. rtn:b3:g128:asym
//   nf4     NormalFloat4, block absmax      options: gN (a power of two 32..4096, as
//           bitsandbytes allows; default 64), dq (double quantization of the block absmax)
//                                                                   e.g. nf4:g64, nf4:g64:dq
//   fp4     bitsandbytes FP4, block absmax  options: gN (as nf4, default 64)
//   mxfp4   OCP MXFP4: 32-element blocks, E8M0 power-of-two scale (no options)
//   fp8     FP8 E4M3, one scale per output channel (no options)
//   hqq     HQQ zero-point optimization     options: bN (1..8, default 4), gN (default 64)
//   q8_0 q4_0 q4_1 q5_0 q5_1 q2_k q3_k q4_k q5_k q6_k iq4_nl   GGUF block types (no options)
//   f16 bf16 GGUF 16-bit float tensors: each weight rounded to nearest even (no options)
// Any method also takes `strict`: a tensor whose rows do not fit the scheme's blocks is an
// error instead of falling back (quant/tensortreatment.h says what the fallbacks are).
// parse() throws Error("bad scheme '<text>': <reason>"); toString() gives the canonical form
// ("rtn:b4:g128:sym", "rtn:b8:tensor:sym:clip", "nf4:g64:dq", "hqq:b4:g64", "mxfp4", "q4_k").
// parse() fills every field so the struct describes the scheme: bits are the code bits (fp8 8,
// q4_k 4), groupSize the block along a row (mxfp4 32, GGUF the type's block) or 0 for per
// channel / per tensor, symmetric false where blocks carry a zero point or minimum (hqq, q4_1,
// q4_k...). parse(toString(s)) == s holds for every scheme parse() returns.
#include "formats/dtype.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace bitcliff {

enum class QuantMethod : uint8_t { Rtn, Nf4, Fp4, Mxfp4, Fp8, Hqq, Gguf };
enum class Granularity : uint8_t { Tensor, Channel, Group };

struct QuantScheme
{
    QuantMethod method = QuantMethod::Rtn;
    int bits = 4;
    Granularity granularity = Granularity::Group;
    int groupSize = 128;
    bool symmetric = true;
    bool mseClip = false;
    bool doubleQuant = false;
    bool strict = false; // refuse, rather than fall back, where rows do not fit the blocks
    DType ggufType = DType::Unsupported; // for QuantMethod::Gguf

    static QuantScheme parse(std::string_view text);
    std::string toString() const;
    std::string baseText() const; // toString() without ":strict"
    // Throws Error when the scheme cannot quantize rows of `cols` elements (a group size or
    // GGUF block size that does not divide the row), naming the tensor.
    void checkRowLength(int64_t cols, const std::string &tensorName) const;
    // Elements along a row that share one scale (cols for per-channel, 0 for per-tensor).
    int64_t blockLength(int64_t cols) const;
    bool operator==(const QuantScheme &) const = default;
};

} // namespace bitcliff
