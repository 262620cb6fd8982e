#include "train/batch.h"

#include <algorithm>

namespace bitcliff::train {

int64_t Batch::counted() const
{
    return std::count_if(targets.begin(), targets.end(), [](int32_t t) { return t >= 0; });
}

} // namespace bitcliff::train
