#include "support/referencetransformer.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace bitcliff::test {

namespace {

using Vector = std::vector<double>;

// y = W x (+ b) for W [out × in] row-major.
Vector linear(const TinyTransformer &m, const std::string &name, const Vector &x, bool bias = false)
{
    const std::vector<float> &w = m[name + ".weight"];
    const size_t in = x.size(), out = w.size() / in;
    Vector y(out, 0.0);
    for (size_t o = 0; o < out; ++o) {
        for (size_t i = 0; i < in; ++i)
            y[o] += double(w[o * in + i]) * x[i];
        if (bias)
            y[o] += double(m[name + ".bias"][o]);
    }
    return y;
}

Vector rmsNorm(const Vector &x, const std::vector<float> &weight, double eps)
{
    double squares = 0;
    for (double v : x)
        squares += v * v;
    const double scale = 1.0 / std::sqrt(squares / double(x.size()) + eps);
    Vector y(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        y[i] = double(weight[i]) * x[i] * scale;
    return y;
}

// HF's inverse frequencies, with _compute_llama3_parameters when the spec asks for it.
Vector inverseFrequencies(const TinyTransformer &m)
{
    const int d = m.headDim();
    Vector inv(size_t(d / 2));
    for (int i = 0; i < d / 2; ++i) {
        double f = 1.0 / std::pow(m.spec.ropeTheta, double(2 * i) / double(d));
        if (m.spec.llama3Rope) {
            const double factor = kTinyRopeFactor, low = 1.0, high = 4.0, original = kTinyRopeOriginalContext;
            const double wavelength = 2 * std::numbers::pi / f;
            if (wavelength > original / low) {
                f = f / factor;
            } else if (wavelength >= original / high) {
                const double smooth = (original / wavelength - low) / (high - low);
                f = (1 - smooth) * f / factor + smooth * f;
            }
        }
        inv[size_t(i)] = f;
    }
    return inv;
}

// q * cos + rotate_half(q) * sin on each head of `heads` heads.
void rotate(Vector &x, int heads, int d, const Vector &inv, int position)
{
    for (int h = 0; h < heads; ++h) {
        double *v = x.data() + h * d;
        for (int i = 0; i < d / 2; ++i) {
            const double angle = position * inv[size_t(i)], c = std::cos(angle), s = std::sin(angle);
            const double a = v[i], b = v[i + d / 2];
            v[i] = a * c - b * s;
            v[i + d / 2] = b * c + a * s;
        }
    }
}

void headNorm(Vector &x, int heads, int d, const std::vector<float> &weight, double eps)
{
    for (int h = 0; h < heads; ++h) {
        const Vector part(x.begin() + h * d, x.begin() + (h + 1) * d);
        const Vector normed = rmsNorm(part, weight, eps);
        std::copy(normed.begin(), normed.end(), x.begin() + h * d);
    }
}

} // namespace

std::vector<double> referenceLogits(const TinyTransformer &m, const std::vector<int32_t> &tokens)
{
    const TinyTransformerSpec &s = m.spec;
    const int d = m.headDim(), group = s.heads / s.kvHeads;
    const size_t n = tokens.size(), hidden = size_t(s.hidden);
    const Vector inv = inverseFrequencies(m);
    std::vector<Vector> x(n);
    for (size_t t = 0; t < n; ++t) {
        const std::vector<float> &embed = m["model.embed_tokens.weight"];
        x[t].assign(embed.begin() + std::ptrdiff_t(size_t(tokens[t]) * hidden),
                    embed.begin() + std::ptrdiff_t(size_t(tokens[t] + 1) * hidden));
    }
    for (int layer = 0; layer < s.layers; ++layer) {
        const std::string p = "model.layers." + std::to_string(layer) + ".";
        std::vector<Vector> q(n), k(n), v(n);
        for (size_t t = 0; t < n; ++t) {
            const Vector normed = rmsNorm(x[t], m[p + "input_layernorm.weight"], s.rmsEps);
            q[t] = linear(m, p + "self_attn.q_proj", normed, m.hasBias());
            k[t] = linear(m, p + "self_attn.k_proj", normed, m.hasBias());
            v[t] = linear(m, p + "self_attn.v_proj", normed, m.hasBias());
            if (s.family == "qwen3") {
                headNorm(q[t], s.heads, d, m[p + "self_attn.q_norm.weight"], s.rmsEps);
                headNorm(k[t], s.kvHeads, d, m[p + "self_attn.k_norm.weight"], s.rmsEps);
            }
            rotate(q[t], s.heads, d, inv, int(t));
            rotate(k[t], s.kvHeads, d, inv, int(t));
        }
        for (size_t t = 0; t < n; ++t) {
            Vector attention(size_t(s.heads * d), 0.0);
            for (int h = 0; h < s.heads; ++h) {
                const int g = h / group;
                Vector weights(t + 1);
                double max = -INFINITY, sum = 0;
                for (size_t j = 0; j <= t; ++j) {
                    double dot = 0;
                    for (int i = 0; i < d; ++i)
                        dot += q[t][size_t(h * d + i)] * k[j][size_t(g * d + i)];
                    weights[j] = dot / std::sqrt(double(d));
                    max = std::max(max, weights[j]);
                }
                for (double &w : weights)
                    sum += (w = std::exp(w - max));
                for (size_t j = 0; j <= t; ++j)
                    for (int i = 0; i < d; ++i)
                        attention[size_t(h * d + i)] += weights[j] / sum * v[j][size_t(g * d + i)];
            }
            const Vector o = linear(m, p + "self_attn.o_proj", attention);
            for (size_t i = 0; i < hidden; ++i)
                x[t][i] += o[i];
            const Vector normed = rmsNorm(x[t], m[p + "post_attention_layernorm.weight"], s.rmsEps);
            Vector gate = linear(m, p + "mlp.gate_proj", normed);
            const Vector up = linear(m, p + "mlp.up_proj", normed);
            for (size_t i = 0; i < gate.size(); ++i)
                gate[i] = gate[i] / (1.0 + std::exp(-gate[i])) * up[i];
            const Vector down = linear(m, p + "mlp.down_proj", gate);
            for (size_t i = 0; i < hidden; ++i)
                x[t][i] += down[i];
        }
    }
    const std::string head = s.tied ? "model.embed_tokens" : "lm_head";
    std::vector<double> logits;
    for (size_t t = 0; t < n; ++t) {
        const Vector row = linear(m, head, rmsNorm(x[t], m["model.norm.weight"], s.rmsEps));
        logits.insert(logits.end(), row.begin(), row.end());
    }
    return logits;
}

double relativeError(const std::vector<float> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return INFINITY;
    double diff = 0, scale = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        diff = std::max(diff, std::abs(double(a[i]) - b[i]));
        scale = std::max(scale, std::abs(b[i]));
    }
    return scale > 0 ? diff / scale : diff;
}

double relativeError(const std::vector<float> &a, const std::vector<float> &b)
{
    return relativeError(a, std::vector<double>(b.begin(), b.end()));
}

} // namespace bitcliff::test
