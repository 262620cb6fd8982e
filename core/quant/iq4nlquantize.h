#pragma once
// IQ4_NL block encoder behind quantizeGgmlRow (internal): llama.cpp's
// quantize_row_iq4_nl_impl for one 32-element block, no importance matrix.
#include "formats/ggmlblocks.h"

namespace bitcliff {

// How the block's scale is chosen.
enum class Iq4NlScaleSearch : uint8_t {
    None, // quantize_row_iq4_nl_ref (ntry = -1): the first scale, refitted once
    Inverse7, // quantize_iq4_nl without imatrix, as llama-quantize calls it (ntry = 7)
};

void encodeIQ4_NL(const float *x, BlockIQ4_NL &y, Iq4NlScaleSearch search = Iq4NlScaleSearch::None);

} // namespace bitcliff
