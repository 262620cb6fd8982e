#include "quant/activationquant.h"

#include "quant/methods.h"

namespace bitcliff {

void fakeQuantizeActivations(ActivationQuant format, float *x, int64_t tokens, int64_t channels)
{
    switch (format) {
    case ActivationQuant::None:
        return;
    case ActivationQuant::Fp8:
        quantdetail::fp8Rows(x, tokens, channels, x);
        return;
    case ActivationQuant::Int8:
    case ActivationQuant::Int4: {
        QuantScheme perToken; // rtn's symmetric per-row grid is exactly the per-token quantizer
        perToken.bits = format == ActivationQuant::Int8 ? 8 : 4;
        perToken.granularity = Granularity::Channel;
        perToken.groupSize = 0;
        perToken.symmetric = true;
        quantdetail::rtnRows(perToken, x, tokens, channels, x, nullptr);
        return;
    }
    }
}

} // namespace bitcliff
