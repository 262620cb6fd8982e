#include "formats/tensorinfo.h"

#include <algorithm>
#include <utility>

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

std::string unreadableTensorsText(const std::vector<const TensorInfo *> &tensors)
{
    if (tensors.empty())
        return {};
    std::vector<std::pair<std::string, size_t>> types; // label, count; first appearance first
    for (const TensorInfo *t : tensors) {
        auto it = types.begin();
        while (it != types.end() && it->first != t->dtypeLabel)
            ++it;
        if (it == types.end())
            types.emplace_back(t->dtypeLabel, 1);
        else
            ++it->second;
    }
    const size_t n = tensors.size();
    std::string text = std::to_string(n) + (n == 1 ? " tensor has type" : " tensors have type");
    if (types.size() == 1) {
        text += " " + types.front().first;
    } else {
        text += "s";
        for (size_t i = 0; i < types.size(); ++i)
            text += (i == 0 ? " " : ", ") + types[i].first + " (" + std::to_string(types[i].second) + ")";
    }
    text += ", which BitCliff cannot read yet (";
    constexpr size_t kNamesShown = 3;
    for (size_t i = 0; i < std::min(n, kNamesShown); ++i)
        text += (i == 0 ? "" : ", ") + tensors[i]->name;
    return text + (n > kNamesShown ? ", \u2026)" : ")");
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
