#pragma once
#include "formats/dtype.h"
#include "formats/tensorrole.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

struct PackedWeight;

// One entry of the model catalog, whatever the file format.
struct TensorInfo
{
    std::string name;            // exactly as in the file
    std::vector<int64_t> shape;  // PyTorch order: [rows, cols] = [out, in] (GGUF ne reversed)
    DType dtype = DType::Unsupported;
    std::string dtypeLabel;      // the file's own type name ("BF16", "Q4_K", "I64", "GPTQ int4 g128 (v1)"...)
    int fileIndex = 0;           // which of the model's files holds the bytes
    uint64_t offset = 0;         // absolute byte offset in that file
    uint64_t byteSize = 0;       // packed weights: all their components together
    int layer = -1;
    TensorRole role = TensorRole::Other;
    // GPTQ/AWQ/pack-quantized weights: their component tensors (formats/packedweight.h);
    // fileIndex and offset then locate the codes. Null for every other tensor.
    std::shared_ptr<const PackedWeight> packed;

    bool supported() const { return dtype != DType::Unsupported; }
    int64_t elementCount() const;
    // Matrix view used by statistics: cols = last dimension, rows = everything before it.
    int64_t cols() const;
    int64_t rows() const;
};

// Tensors of a type BitCliff cannot read (IQ2_XXS, TQ1_0, MXFP4 blocks...), in one line:
// "30 tensors have type IQ2_XXS, which BitCliff cannot read yet (blk.0.attn_q.weight,
// blk.0.attn_k.weight, blk.0.attn_v.weight, …)" — types grouped in order of appearance,
// the first three names listed. Empty for an empty list.
std::string unreadableTensorsText(const std::vector<const TensorInfo *> &tensors);

// "[4096, 11008]"; more than nine dimensions (corrupt files) show the first eight and "...".
std::string shapeText(const std::vector<int64_t> &shape);

} // namespace bitcliff
