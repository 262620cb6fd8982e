#pragma once
// AdamW (Loshchilov & Hutter; PyTorch's torch.optim.AdamW): per-element first and second
// moments with bias correction, and weight decay decoupled from the gradient, applied only to
// tensors marked `decays`.
#include "train/parameters.h"

#include <cstdint>

namespace bitcliff::train {

struct AdamWOptions
{
    double beta1 = 0.9;
    double beta2 = 0.95;
    double eps = 1e-8;
    double weightDecay = 0.1;
};

class AdamW
{
public:
    // Zero moments shaped like `weights`, no step taken.
    AdamW(const Parameters<float> &weights, const AdamWOptions &options);
    // Moments and step count of an earlier run (resume); shapes must match `weights`.
    AdamW(const Parameters<float> &weights, const AdamWOptions &options, Parameters<float> m, Parameters<float> v,
          int64_t steps);

    // One update with learning rate `lr`, as torch.optim.AdamW computes it (step t = steps()+1):
    //   w -= lr·wd·w (decaying tensors), m = β1·m + (1-β1)·g, v = β2·v + (1-β2)·g²,
    //   w -= (lr / (1-β1^t)) · m / (sqrt(v) / sqrt(1-β2^t) + eps).
    // Tensors run in parallel (parallelForEach, `threads`), each element independently, so the
    // result does not depend on the thread count. Throws Error when `gradients` do not match.
    void step(Parameters<float> &weights, const Parameters<float> &gradients, double lr, int threads);

    int64_t steps() const { return m_steps; }
    const AdamWOptions &options() const { return m_options; }
    const Parameters<float> &firstMoments() const { return m_m; }
    const Parameters<float> &secondMoments() const { return m_v; }

private:
    AdamWOptions m_options;
    Parameters<float> m_m;
    Parameters<float> m_v;
    int64_t m_steps = 0;
};

} // namespace bitcliff::train
