#include "quant/tensortreatment.h"

#include <algorithm>

namespace bitcliff {

namespace {

constexpr int64_t kLegacyBlock = 32; // Q4_0 … Q8_0, IQ4_NL, MXFP4
constexpr int kSmallestBitsandbytesBlock = 32;

QuantScheme ggufScheme(DType type)
{
    return QuantScheme::parse(dtypeName(type));
}

// llama-quantize's tensor_type_fallback, then F16 for any type whose block still does not fit.
std::optional<QuantScheme> ggufFallback(DType type, int64_t cols)
{
    DType next = DType::F16;
    switch (type) {
    case DType::Q2_K:
    case DType::Q3_K:
        next = DType::Q4_0;
        break;
    case DType::Q4_K:
        next = DType::Q5_0;
        break;
    case DType::Q5_K:
        next = DType::Q5_1;
        break;
    case DType::Q6_K:
        next = DType::Q8_0;
        break;
    default:
        break;
    }
    if (next != DType::F16 && cols % kLegacyBlock != 0)
        next = DType::F16;
    return ggufScheme(next);
}

// The largest divisor of `cols` from ceil(group / 2) to `group`, or 0.
int64_t nearbyDivisor(int64_t cols, int64_t group)
{
    for (int64_t g = std::min(group, cols); g > 0 && 2 * g >= group; --g)
        if (cols % g == 0)
            return g;
    return 0;
}

std::string rowText(int64_t cols)
{
    return "rows of " + std::to_string(cols);
}

// Why `scheme` cannot quantize rows of `cols` values as written, or empty.
std::string misfit(const QuantScheme &scheme, int64_t cols)
{
    // checkRowLength's rule, without an exception per tensor: a per-tensor scale fits any row.
    const int64_t block = scheme.blockLength(cols);
    const bool wholeTensor = scheme.method == QuantMethod::Rtn && scheme.granularity == Granularity::Tensor;
    if (wholeTensor || (block > 0 && cols % block == 0))
        return {};
    if (scheme.method == QuantMethod::Gguf || scheme.method == QuantMethod::Mxfp4)
        return rowText(cols) + " are not a multiple of the " + scheme.baseText() + " block ("
            + std::to_string(scheme.blockLength(cols)) + ")";
    return "group size " + std::to_string(scheme.groupSize) + " does not divide " + rowText(cols);
}

} // namespace

std::optional<QuantScheme> fallbackScheme(const QuantScheme &scheme, int64_t cols)
{
    if (cols < 1)
        return std::nullopt;
    QuantScheme s = scheme;
    s.strict = false;
    switch (scheme.method) {
    case QuantMethod::Gguf:
        return ggufFallback(scheme.ggufType, cols);
    case QuantMethod::Mxfp4:
        return ggufScheme(DType::F16);
    case QuantMethod::Rtn:
        if (const int64_t g = nearbyDivisor(cols, scheme.groupSize); g > 0 && g < cols) {
            s.groupSize = int(g);
        } else { // a group of the whole row is per channel: say so
            s.granularity = Granularity::Channel;
            s.groupSize = 0;
        }
        return s;
    case QuantMethod::Hqq:
        if (const int64_t g = nearbyDivisor(cols, scheme.groupSize))
            s.groupSize = int(g);
        else
            s.groupSize = int(cols); // one group per row
        return s;
    case QuantMethod::Nf4:
    case QuantMethod::Fp4:
        for (int g = scheme.groupSize / 2; g >= kSmallestBitsandbytesBlock; g /= 2)
            if (cols % g == 0) {
                s.groupSize = g;
                return s;
            }
        return std::nullopt;
    case QuantMethod::Fp8:
        return std::nullopt; // one scale per row fits every row
    }
    return std::nullopt;
}

TensorTreatment treatmentFor(const TensorInfo &tensor, const QuantScheme &requested)
{
    TensorTreatment t;
    t.scheme = requested;
    if (!tensor.supported()) {
        t.reason = "type " + tensor.dtypeLabel + " is not readable";
        return t;
    }
    if (tensor.shape.size() < 2 || tensor.rows() < 2) {
        t.reason = "not a matrix (norms, biases and vectors stay as they are)";
        return t;
    }
    if (tensor.role == TensorRole::Norm || tensor.role == TensorRole::Other) {
        t.reason = "not a weight matrix";
        return t;
    }
    const int64_t cols = tensor.cols();
    const std::string why = misfit(requested, cols);
    if (why.empty()) {
        t.kind = Treatment::Quantized;
        return t;
    }
    if (requested.strict) {
        t.reason = why + " (strict: no fallback)";
        return t;
    }
    const std::optional<QuantScheme> fallback = fallbackScheme(requested, cols);
    if (!fallback || !misfit(*fallback, cols).empty()) {
        t.reason = why;
        return t;
    }
    t.kind = Treatment::FellBack;
    t.scheme = *fallback;
    t.reason = why;
    return t;
}

std::optional<QuantScheme> appliedScheme(const TensorInfo &tensor, const QuantScheme &requested)
{
    TensorTreatment t = treatmentFor(tensor, requested);
    if (!t.quantizes())
        return std::nullopt;
    return t.scheme;
}

} // namespace bitcliff
