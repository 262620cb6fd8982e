#include "quant/quantizer.h"

#include "formats/dequantize.h"
#include "quant/floatvector.h"
#include "quant/ggmlquantize.h"
#include "quant/methods.h"
#include "util/error.h"

#include <numeric>
#include <vector>

namespace bitcliff {

namespace {

constexpr double kScaleBits = 16.0;    // fp16 scale (integer methods, HQQ, FP8)
constexpr double kAbsmaxBits = 32.0;   // bitsandbytes keeps absmax in fp32
constexpr double kDqBlock = 256.0;     // absmax values per double-quantization block

// GGUF types: encode each row with the ggml quantizer, decode it back.
void ggufRows(DType type, const float *weights, int64_t rows, int64_t cols, float *out)
{
    const DTypeTraits &traits = dtypeTraits(type);
    std::vector<std::byte> blocks(size_t(cols / traits.blockSize * traits.blockBytes));
    for (int64_t r = 0; r < rows; ++r) {
        if (fakeQuantizeGgmlRow(type, weights + r * cols, out + r * cols, cols))
            continue;
        quantizeGgmlRow(type, weights + r * cols, blocks.data(), cols);
        dequantize(type, blocks.data(), out + r * cols, cols);
    }
}

} // namespace

double bitsPerWeight(const QuantScheme &scheme, int64_t cols)
{
    const double block = static_cast<double>(scheme.blockLength(cols));
    const double bits = scheme.bits;
    switch (scheme.method) {
    case QuantMethod::Rtn:
        if (block < 1.0)
            return bits; // one scale for the tensor
        return bits + (kScaleBits + (scheme.symmetric ? 0.0 : bits)) / block;
    case QuantMethod::Nf4:
        if (scheme.doubleQuant)
            return 4.0 + 8.0 / block + kAbsmaxBits / (kDqBlock * block);
        return 4.0 + kAbsmaxBits / block;
    case QuantMethod::Fp4:
        return 4.0 + kAbsmaxBits / block;
    case QuantMethod::Mxfp4:
        return 4.0 + 8.0 / block;
    case QuantMethod::Fp8:
        return block < 1.0 ? 8.0 : 8.0 + kScaleBits / block;
    case QuantMethod::Hqq:
        return bits + 2.0 * kScaleBits / block; // fp16 scale and fp16 (unrounded) zero
    case QuantMethod::Gguf: {
        const DTypeTraits &traits = dtypeTraits(scheme.ggufType);
        return traits.blockBytes * 8.0 / traits.blockSize;
    }
    }
    return bits;
}

TensorRange quantizationRange(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols)
{
    const int64_t count = rows * cols;
    if (count < 1)
        return {};
    if (scheme.method == QuantMethod::Rtn && scheme.granularity == Granularity::Tensor)
        return quantdetail::rtnTensorRange(scheme, weights, count);
    const quantdetail::MinMax range = quantdetail::minMax(weights, count);
    TensorRange result(range.min, range.max);
    if (scheme.method == QuantMethod::Nf4 && scheme.doubleQuant && scheme.groupSize > 0
        && count % scheme.groupSize == 0)
        result.absmaxMean = quantdetail::meanBlockAbsmax(weights, count, scheme.groupSize);
    return result;
}

bool needsWholeTensorRange(const QuantScheme &scheme)
{
    return (scheme.method == QuantMethod::Rtn && scheme.granularity == Granularity::Tensor)
        || (scheme.method == QuantMethod::Nf4 && scheme.doubleQuant);
}

int64_t rowAlignment(const QuantScheme &scheme, int64_t cols)
{
    if (scheme.method != QuantMethod::Nf4 || !scheme.doubleQuant || scheme.groupSize < 1 || cols < 1
        || cols % scheme.groupSize != 0)
        return 1;
    const int64_t blocksPerRow = cols / scheme.groupSize;
    return static_cast<int64_t>(kDqBlock) / std::gcd(blocksPerRow, static_cast<int64_t>(kDqBlock));
}

void fakeQuantizeRows(const QuantScheme &scheme, const float *weights, int64_t rows, int64_t cols, float *out,
                      const TensorRange *range)
{
    scheme.checkRowLength(cols, "weights");
    const int lowestBits = scheme.method == QuantMethod::Hqq ? 1 : 2;
    if ((scheme.method == QuantMethod::Rtn || scheme.method == QuantMethod::Hqq)
        && (scheme.bits < lowestBits || scheme.bits > 8))
        throw Error("weights: " + std::to_string(scheme.bits) + " bits out of range for " + scheme.toString());
    if (rows < 1)
        return;
    const int64_t count = rows * cols;
    switch (scheme.method) {
    case QuantMethod::Rtn:
        quantdetail::rtnRows(scheme, weights, rows, cols, out, range);
        return;
    case QuantMethod::Nf4:
    case QuantMethod::Fp4:
        quantdetail::codebookRows(scheme, weights, rows, cols, out, range);
        return;
    case QuantMethod::Mxfp4:
        quantdetail::mxfp4Rows(weights, count, out);
        return;
    case QuantMethod::Fp8:
        quantdetail::fp8Rows(weights, rows, cols, out);
        return;
    case QuantMethod::Hqq:
        quantdetail::hqqRows(scheme, weights, count, out);
        return;
    case QuantMethod::Gguf:
        ggufRows(scheme.ggufType, weights, rows, cols, out);
        return;
    }
    throw Error("weights: unknown quantization method");
}

} // namespace bitcliff
