#include "nn/crossentropy.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace bitcliff::nn {

// With m the row's max and Z = Σ exp(x_j − m) (in double): loss = log Z − (x_t − m), and the
// gradient softmax − onehot = exp(x_j − m) / Z − [j = t]. Both come from one pass of exps.
template<class T>
double crossEntropy(const T *logits, const int32_t *targets, int64_t rows, int64_t vocab, T gradScale, T *dLogits)
{
    double total = 0;
    for (int64_t i = 0; i < rows; ++i) {
        const T *row = logits + i * vocab;
        T *grad = dLogits ? dLogits + i * vocab : nullptr;
        const int32_t target = targets[i];
        if (target < 0) {
            if (grad)
                std::fill(grad, grad + vocab, T(0));
            continue;
        }
        if (target >= vocab)
            throw Error("cross-entropy: target " + std::to_string(target) + " of row " + std::to_string(i)
                        + " is outside the vocabulary of " + std::to_string(vocab));
        const T max = *std::max_element(row, row + vocab);
        const double targetShifted = double(row[target] - max);
        double sum = 0;
        if (grad) { // exps kept in the gradient row (which may be the logits row: read before written)
            for (int64_t j = 0; j < vocab; ++j) {
                const T e = std::exp(row[j] - max);
                grad[j] = e;
                sum += double(e);
            }
            const T factor = T(double(gradScale) / sum);
            for (int64_t j = 0; j < vocab; ++j)
                grad[j] *= factor;
            grad[target] -= gradScale;
        } else {
            for (int64_t j = 0; j < vocab; ++j)
                sum += double(std::exp(row[j] - max));
        }
        total += std::log(sum) - targetShifted;
    }
    return total;
}

template double crossEntropy<float>(const float *, const int32_t *, int64_t, int64_t, float, float *);
template double crossEntropy<double>(const double *, const int32_t *, int64_t, int64_t, double, double *);

} // namespace bitcliff::nn
