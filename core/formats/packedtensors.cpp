#include "formats/packedtensors.h"

#include "formats/packeddequantize.h"
#include "formats/packedweight.h"
#include "formats/safetensors.h"
#include "util/error.h"
#include "util/floatformats.h"

#include <initializer_list>
#include <map>
#include <set>

namespace bitcliff {

namespace {

constexpr int64_t kLargestDimension = int64_t(1) << 40;

std::string quotedText(const std::string &name)
{
    return "'" + printableExcerpt(name) + "'";
}

std::string dimensions(const std::vector<int64_t> &shape)
{
    return shapeText(shape);
}

ByteRange rangeOf(const TensorInfo *tensor)
{
    return tensor ? ByteRange { tensor->fileIndex, tensor->offset, tensor->byteSize } : ByteRange {};
}

// The component tensors of one module, found by name and checked against the layout.
class Module
{
public:
    Module(const std::string &prefix, const std::map<std::string, const TensorInfo *> &byName, const std::string &label)
        : m_prefix(prefix)
        , m_byName(byName)
        , m_label(label)
    { }

    const TensorInfo *optional(const char *suffix)
    {
        const auto it = m_byName.find(m_prefix + suffix);
        if (it == m_byName.end())
            return nullptr;
        m_consumed.push_back(it->first);
        return it->second;
    }

    const TensorInfo &required(const char *suffix, const char *codesSuffix)
    {
        if (const TensorInfo *t = optional(suffix))
            return *t;
        fail(quotedText(m_prefix + codesSuffix) + " has no " + quotedText(m_prefix + suffix) + " beside it");
    }

    void expect(const TensorInfo &t, std::initializer_list<const char *> dtypes, const std::vector<int64_t> &shape)
    {
        bool typeOk = false;
        for (const char *d : dtypes)
            typeOk = typeOk || t.dtypeLabel == d;
        if (!typeOk)
            fail("tensor " + quotedText(t.name) + " has type " + t.dtypeLabel + " where the layout needs "
                + *dtypes.begin());
        if (t.shape != shape)
            fail("tensor " + quotedText(t.name) + " has shape " + dimensions(t.shape) + " where the layout needs "
                + dimensions(shape));
    }

    void expectDimensions(const TensorInfo &t, size_t count)
    {
        bool ok = t.shape.size() == count;
        for (int64_t d : t.shape)
            ok = ok && d >= 1 && d <= kLargestDimension;
        if (!ok)
            fail("tensor " + quotedText(t.name) + " of shape " + dimensions(t.shape) + " is not a "
                + (count == 1 ? "vector" : "matrix") + " of a packed weight");
    }

    [[noreturn]] void fail(const std::string &problem) const { throw FormatError(m_label, problem); }

    const std::string &prefix() const { return m_prefix; }
    const std::vector<std::string> &consumed() const { return m_consumed; }

private:
    std::string m_prefix;
    const std::map<std::string, const TensorInfo *> &m_byName;
    const std::string &m_label;
    std::vector<std::string> m_consumed;
};

std::string groupText(int64_t groupSize)
{
    return groupSize < 0 ? "per-channel" : "g" + std::to_string(groupSize);
}

int64_t groupCount(Module &module, int64_t groupSize, int64_t in)
{
    if (groupSize < 0)
        return 1;
    if (groupSize > in)
        module.fail(quotedText(module.prefix()) + ": group_size " + std::to_string(groupSize) + " exceeds its "
            + std::to_string(in) + " inputs");
    return (in + groupSize - 1) / groupSize;
}

TensorInfo logical(Module &module, DType dtype, std::string label, int64_t out, int64_t in, PackedWeight weight,
    const TensorInfo &codes, std::initializer_list<const TensorInfo *> parts)
{
    try {
        packedSizes(dtype, weight, out, in); // throws when the layout itself is not valid
    } catch (const Error &e) {
        module.fail(quotedText(module.prefix()) + ": " + e.what());
    }
    TensorInfo t;
    t.name = module.prefix() + ".weight";
    t.shape = { out, in };
    t.dtype = dtype;
    t.dtypeLabel = std::move(label);
    t.fileIndex = codes.fileIndex;
    t.offset = codes.offset;
    for (const TensorInfo *part : parts)
        t.byteSize += part ? part->byteSize : 0;
    t.packed = std::make_shared<const PackedWeight>(std::move(weight));
    return t;
}

const std::initializer_list<const char *> kScaleTypes = { "F16", "BF16", "F32" };

DType scaleType(const TensorInfo &scales)
{
    return scales.dtypeLabel == "F32" ? DType::F32 : scales.dtypeLabel == "BF16" ? DType::BF16 : DType::F16;
}

TensorInfo gptqTensor(Module &m, const PackedParams &p)
{
    const TensorInfo &qweight = m.required(".qweight", ".qweight");
    const TensorInfo &qzeros = m.required(".qzeros", ".qweight");
    const TensorInfo &scales = m.required(".scales", ".qweight");
    const TensorInfo *gIdx = m.optional(".g_idx");
    m.expectDimensions(qweight, 2);
    m.expectDimensions(scales, 2);
    const int64_t groups = scales.shape[0], out = scales.shape[1];
    int64_t in = qweight.shape[0] * 32 / p.bits;
    if (gIdx) {
        m.expectDimensions(*gIdx, 1);
        in = gIdx->shape[0];
        m.expect(*gIdx, { "I32" }, { in });
    }
    if (in < 1 || in * p.bits % 32 != 0 || out * p.bits % 32 != 0)
        m.fail(quotedText(m.prefix()) + ": " + std::to_string(out) + " x " + std::to_string(in)
            + " does not fill whole " + std::to_string(p.bits) + "-bit GPTQ words");
    m.expect(qweight, { "I32" }, { in * p.bits / 32, out });
    m.expect(scales, kScaleTypes, { groups, out });
    m.expect(qzeros, { "I32" }, { groups, out * p.bits / 32 });
    const int64_t groupSize = p.groupSize < 0 ? in : p.groupSize;
    if (groupCount(m, groupSize, in) != groups)
        m.fail("tensor " + quotedText(scales.name) + " has " + std::to_string(groups) + " groups where group_size "
            + std::to_string(p.groupSize) + " over " + std::to_string(in) + " inputs needs "
            + std::to_string(groupCount(m, groupSize, in)));

    PackedWeight w { p.bits, groupSize, groups, p.v2 ? 0 : 1, scaleType(scales), rangeOf(&qweight), rangeOf(&qzeros),
        rangeOf(&scales), rangeOf(gIdx) };
    const std::string label = "GPTQ int" + std::to_string(p.bits) + " " + groupText(p.groupSize)
        + (p.actOrder ? " act-order" : "") + (p.v2 ? " (v2)" : " (v1)");
    return logical(m, DType::GPTQ, label, out, in, std::move(w), qweight, { &qweight, &qzeros, &scales, gIdx });
}

TensorInfo awqTensor(Module &m, const PackedParams &p)
{
    const TensorInfo &qweight = m.required(".qweight", ".qweight");
    const TensorInfo &qzeros = m.required(".qzeros", ".qweight");
    const TensorInfo &scales = m.required(".scales", ".qweight");
    m.expectDimensions(qweight, 2);
    const int64_t in = qweight.shape[0], out = qweight.shape[1] * 8;
    const int64_t groupSize = p.groupSize < 0 ? in : p.groupSize;
    if (in % groupSize != 0)
        m.fail(quotedText(m.prefix()) + ": group_size " + std::to_string(groupSize) + " does not divide its "
            + std::to_string(in) + " inputs (AWQ needs whole groups)");
    const int64_t groups = in / groupSize;
    m.expect(qweight, { "I32" }, { in, out / 8 });
    m.expect(scales, kScaleTypes, { groups, out });
    m.expect(qzeros, { "I32" }, { groups, out / 8 });

    PackedWeight w { 4, groupSize, groups, 0, scaleType(scales), rangeOf(&qweight), rangeOf(&qzeros), rangeOf(&scales),
        {} };
    return logical(m, DType::AWQ_GEMM, "AWQ int4 " + groupText(p.groupSize), out, in, std::move(w), qweight,
        { &qweight, &qzeros, &scales });
}

// weight_shape's two values (int32 or, as torch.tensor(shape) writes them, int64).
std::pair<int64_t, int64_t> storedShape(
    Module &m, const TensorInfo &t, const std::vector<std::shared_ptr<const MappedFile>> &files)
{
    if (t.shape != std::vector<int64_t> { 2 } || (t.dtypeLabel != "I32" && t.dtypeLabel != "I64"))
        m.fail("tensor " + quotedText(t.name) + " is " + t.dtypeLabel + " " + dimensions(t.shape)
            + " where the layout needs I32 or I64 [2]");
    const std::byte *bytes = files.at(size_t(t.fileIndex))->bytes().subspan(t.offset, t.byteSize).data();
    const bool wide = t.dtypeLabel == "I64";
    const auto at = [&](int i) {
        return wide ? int64_t(readU64(bytes + 8 * i)) : int64_t(int32_t(readU32(bytes + 4 * i)));
    };
    const int64_t out = at(0), in = at(1);
    if (out < 1 || in < 1 || out > kLargestDimension || in > kLargestDimension)
        m.fail("tensor " + quotedText(t.name) + " holds an impossible shape [" + std::to_string(out) + ", "
            + std::to_string(in) + "]");
    return { out, in };
}

TensorInfo compressedTensorsTensor(
    Module &m, const PackedParams &p, const std::vector<std::shared_ptr<const MappedFile>> &files)
{
    const TensorInfo &packed = m.required(".weight_packed", ".weight_packed");
    const TensorInfo &scales = m.required(".weight_scale", ".weight_packed");
    const auto [out, in] = storedShape(m, m.required(".weight_shape", ".weight_packed"), files);
    const TensorInfo *zeros = m.optional(".weight_zero_point");
    const TensorInfo *gIdx = m.optional(".weight_g_idx");
    const int64_t groupSize = p.groupSize < 0 ? in : p.groupSize;
    const int64_t groups = groupCount(m, groupSize, in);
    const int64_t perWord = 32 / p.bits;
    m.expect(packed, { "I32" }, { out, (in + perWord - 1) / perWord });
    m.expect(scales, kScaleTypes, { out, groups });
    if (p.sym)
        zeros = nullptr; // zero point 0 by definition; a stored one holds only zeros
    else if (!zeros)
        m.fail(quotedText(m.prefix()) + " is asymmetric but has no " + quotedText(m.prefix() + ".weight_zero_point"));
    else
        m.expect(*zeros, { "I32" }, { (out + perWord - 1) / perWord, groups });
    if (gIdx)
        m.expect(*gIdx, { "I32" }, { in });

    PackedWeight w { p.bits, groupSize, groups, 0, scaleType(scales), rangeOf(&packed), rangeOf(zeros),
        rangeOf(&scales), rangeOf(gIdx) };
    const std::string label = "compressed-tensors int" + std::to_string(p.bits) + " " + groupText(p.groupSize)
        + (p.sym ? " sym" : " asym") + (gIdx ? " act-order" : "");
    return logical(m, DType::CT_PACKED, label, out, in, std::move(w), packed, { &packed, &scales, zeros, gIdx });
}

} // namespace

void assemblePackedTensors(const QuantizationConfig &config, std::vector<TensorInfo> &tensors,
    const std::vector<std::shared_ptr<const MappedFile>> &files, const std::string &label)
{
    if (config.family == PackedFamily::None)
        return;
    const std::string codesSuffix = config.family == PackedFamily::CompressedTensors ? ".weight_packed" : ".qweight";
    std::map<std::string, const TensorInfo *> byName;
    for (const TensorInfo &t : tensors)
        byName.emplace(t.name, &t);

    std::map<std::string, TensorInfo> assembled; // by the name of its codes tensor
    std::set<std::string> consumed;
    for (const TensorInfo &t : tensors) {
        if (!t.name.ends_with(codesSuffix))
            continue;
        const std::string prefix = t.name.substr(0, t.name.size() - codesSuffix.size());
        const std::optional<PackedParams> params = config.paramsFor(prefix);
        if (!params)
            throw FormatError(label,
                "tensor " + quotedText(t.name) + " is packed but " + config.source
                    + " does not say how (no quantization rule for " + quotedText(prefix) + ")");
        if (byName.count(prefix + ".weight"))
            throw FormatError(label,
                quotedText(prefix) + " has both " + quotedText(t.name) + " and " + quotedText(prefix + ".weight"));
        Module module(prefix, byName, label);
        TensorInfo tensor = config.family == PackedFamily::Gptq ? gptqTensor(module, *params)
            : config.family == PackedFamily::Awq                ? awqTensor(module, *params)
                                                                : compressedTensorsTensor(module, *params, files);
        consumed.insert(module.consumed().begin(), module.consumed().end());
        assembled.emplace(t.name, std::move(tensor));
    }
    if (assembled.empty())
        return;

    std::vector<TensorInfo> result;
    result.reserve(tensors.size());
    for (TensorInfo &t : tensors) {
        if (const auto it = assembled.find(t.name); it != assembled.end())
            result.push_back(std::move(it->second));
        else if (!consumed.count(t.name))
            result.push_back(std::move(t));
    }
    tensors = std::move(result);
}

} // namespace bitcliff
