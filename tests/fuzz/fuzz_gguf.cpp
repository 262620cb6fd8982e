// libFuzzer target for the GGUF reader: parse the bytes; when they parse, build the model
// from a buffer and dequantize a few rows of every readable tensor. Error is the expected
// way to fail; anything else (crash, sanitizer report, other exception) is a bug.
#include "formats/gguf.h"
#include "formats/model.h"
#include "util/error.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::vector<std::byte> bytes(size);
    if (size > 0)
        std::memcpy(bytes.data(), data, size);
    try {
        bitcliff::parseGguf(bytes, "fuzz");
        const auto model = bitcliff::modelFromGguf(bitcliff::MappedFile::fromBuffer(std::move(bytes), "fuzz"));
        std::vector<float> out;
        for (const bitcliff::TensorInfo &tensor : model->tensors()) {
            if (!tensor.supported())
                continue;
            const int64_t rows = std::min<int64_t>(tensor.rows(), 4);
            if (rows * tensor.cols() > (int64_t{1} << 20)) // a valid but big tensor: skip
                continue;
            out.resize(static_cast<size_t>(rows * tensor.cols()));
            model->readRows(tensor, 0, rows, out.data());
        }
        (void)model->parameterCount();
        (void)model->byteSize();
        (void)bitcliff::ggufArchitecture(bitcliff::parseGguf(model->files().front()->bytes(), "fuzz"));
    } catch (const bitcliff::Error &) {
    }
    return 0;
}
