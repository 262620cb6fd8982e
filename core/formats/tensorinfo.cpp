#include "formats/tensorinfo.h"

namespace bitcliff {

int64_t TensorInfo::elementCount() const
{
    int64_t count = 1;
    for (int64_t d : shape)
        count *= d;
    return count;
}

int64_t TensorInfo::cols() const { return shape.empty() ? 1 : shape.back(); }

int64_t TensorInfo::rows() const
{
    const int64_t c = cols();
    return c == 0 ? 0 : elementCount() / c;
}

std::string shapeText(const std::vector<int64_t> &shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i > 0)
            text += ", ";
        if (i == 8 && shape.size() > 9) {
            text += "...";
            break;
        }
        text += std::to_string(shape[i]);
    }
    return text + "]";
}

} // namespace bitcliff
