#pragma once
// Sums the inputs of one layer's linear group, as the engine's forward pass sees them, into
// a Hessian (calibrate/hessian.h).
#include "calibrate/hessian.h"
#include "infer/transformer.h"

namespace bitcliff {

class HessianObserver : public ActivationObserver
{
public:
    HessianObserver(int layer, LinearInput which, HessianAccumulator &hessian)
        : m_layer(layer)
        , m_which(which)
        , m_hessian(hessian)
    {
    }

    void observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t) override
    {
        if (layer == m_layer && which == m_which)
            m_hessian.add(x, tokens);
    }

private:
    int m_layer;
    LinearInput m_which;
    HessianAccumulator &m_hessian;
};

} // namespace bitcliff
