#pragma once
// A training batch: `sequences` rows of `length` tokens, each sequence starting at position 0,
// and per position the next-token target (-1: no loss there, e.g. prompts and padding).
#include <cstdint>
#include <vector>

namespace bitcliff::train {

struct Batch
{
    int64_t sequences = 0;
    int64_t length = 0;
    std::vector<int32_t> tokens;  // sequences × length
    std::vector<int32_t> targets; // sequences × length, -1 where no loss is taken

    int64_t counted() const;      // targets >= 0
};

} // namespace bitcliff::train
