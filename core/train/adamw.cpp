#include "train/adamw.h"

#include "train/layoutcheck.h"
#include "util/error.h"
#include "util/parallelfor.h"

#include <cmath>

namespace bitcliff::train {

AdamW::AdamW(const Parameters<float> &weights, const AdamWOptions &options)
    : m_options(options)
    , m_m(weights.zerosLike())
    , m_v(weights.zerosLike())
{
}

AdamW::AdamW(const Parameters<float> &weights, const AdamWOptions &options, Parameters<float> m,
             Parameters<float> v, int64_t steps)
    : m_options(options)
    , m_m(std::move(m))
    , m_v(std::move(v))
    , m_steps(steps)
{
    requireSameLayout(weights, m_m, "AdamW first moments");
    requireSameLayout(weights, m_v, "AdamW second moments");
    if (steps < 0)
        throw Error("AdamW: negative step count " + std::to_string(steps));
}

void AdamW::step(Parameters<float> &weights, const Parameters<float> &gradients, double lr, int threads)
{
    requireSameLayout(weights, gradients, "AdamW gradients");
    requireSameLayout(weights, m_m, "AdamW first moments");
    const int64_t t = m_steps + 1;
    // The per-step constants in double, as PyTorch computes them from Python floats.
    const double correction1 = 1.0 - std::pow(m_options.beta1, double(t));
    const double correction2 = 1.0 - std::pow(m_options.beta2, double(t));
    const float stepSize = float(lr / correction1);
    const float correction2Sqrt = float(std::sqrt(correction2));
    const float decayFactor = float(1.0 - lr * m_options.weightDecay);
    const float beta1 = float(m_options.beta1), beta2 = float(m_options.beta2);
    const float oneMinusBeta1 = float(1.0 - m_options.beta1), oneMinusBeta2 = float(1.0 - m_options.beta2);
    const float eps = float(m_options.eps);

    const auto update = [&](size_t index, int) {
        Tensor<float> &w = weights.tensors[index];
        const float *g = gradients.tensors[index].values.data();
        float *m = m_m.tensors[index].values.data();
        float *v = m_v.tensors[index].values.data();
        float *p = w.values.data();
        const bool decays = w.decays && m_options.weightDecay != 0.0;
        const size_t n = w.values.size();
        for (size_t i = 0; i < n; ++i) {
            if (decays)
                p[i] *= decayFactor;
            m[i] = beta1 * m[i] + oneMinusBeta1 * g[i];
            v[i] = beta2 * v[i] + oneMinusBeta2 * g[i] * g[i];
            const float denominator = std::sqrt(v[i]) / correction2Sqrt + eps;
            p[i] -= stepSize * m[i] / denominator;
        }
    };
    parallelForEach(
        weights.tensors.size(), threads, [&](size_t i) { return uint64_t(weights.tensors[i].values.size()) + 1; },
        update, {});
    m_steps = t;
}

} // namespace bitcliff::train
