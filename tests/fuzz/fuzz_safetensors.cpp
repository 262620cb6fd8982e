// libFuzzer target for the safetensors reader: any input must either parse into a catalog
// whose tensors lie inside the file, or throw bitcliff::Error. Reading rows of what parsed
// lets ASan check the offsets the reader vouched for.
#include "formats/model.h"
#include "formats/safetensors.h"
#include "util/error.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

using namespace bitcliff;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::vector<std::byte> bytes(size);
    if (size > 0)
        std::memcpy(bytes.data(), data, size);
    try {
        SafetensorsContents contents = parseSafetensors(bytes, "fuzz");
        for (const TensorInfo &tensor : contents.tensors) {
            if (tensor.offset > size || tensor.byteSize > size - tensor.offset)
                std::abort(); // the reader let a tensor point outside the file
        }
        const Model model(ModelFormat::Safetensors, "fuzz", {}, std::move(contents.tensors),
                          {MappedFile::fromBuffer(std::move(bytes), "fuzz")}, std::move(contents.metadata));
        std::vector<float> values;
        for (const TensorInfo &tensor : model.tensors()) {
            if (!tensor.supported())
                continue;
            const int64_t rows = std::min<int64_t>(tensor.rows(), 4);
            if (rows > 0 && model.rowBytes(tensor) * static_cast<uint64_t>(tensor.rows()) != tensor.byteSize)
                std::abort(); // rows would not tile the tensor's bytes
            values.resize(static_cast<size_t>(rows * tensor.cols()));
            model.readRows(tensor, 0, rows, values.data());
        }
    } catch (const Error &) {
        // Rejected cleanly: what the reader is supposed to do with bad input.
    }
    return 0;
}
