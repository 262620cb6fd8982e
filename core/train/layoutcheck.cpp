#include "train/layoutcheck.h"

#include "formats/tensorinfo.h"
#include "util/error.h"

namespace bitcliff::train {

void requireSameLayout(const Parameters<float> &a, const Parameters<float> &b, const std::string &what)
{
    if (a.tensors.size() != b.tensors.size())
        throw Error(what + ": " + std::to_string(b.tensors.size()) + " tensors, expected "
                    + std::to_string(a.tensors.size()));
    for (size_t i = 0; i < a.tensors.size(); ++i) {
        const Tensor<float> &x = a.tensors[i];
        const Tensor<float> &y = b.tensors[i];
        if (x.name != y.name)
            throw Error(what + ": tensor " + std::to_string(i) + " is '" + y.name + "', expected '" + x.name + "'");
        if (x.shape != y.shape || x.values.size() != y.values.size())
            throw Error(what + ": tensor '" + y.name + "' has shape " + shapeText(y.shape) + ", expected "
                        + shapeText(x.shape));
    }
}

} // namespace bitcliff::train
