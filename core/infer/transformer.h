#pragma once
// The inference engine: decoder-only transformers of the Llama family (llama, Mistral,
// TinyLlama, SmolLM), Qwen2/Qwen2.5 (q/k/v bias) and Qwen3 (q/k RMSNorm), in float32 with
// BLAS GEMM for every linear layer and a KV cache. Weights come from an opened Model (HF or
// GGUF, any supported type) and may be fake-quantized with a QuantScheme first, so a scheme
// is evaluated on exactly the weights it produces.
#include "formats/model.h"
#include "nn/rope.h"
#include "quant/scheme.h"
#include "util/progress.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bitcliff {

struct TransformerConfig
{
    std::string family; // "llama", "qwen2", "qwen3"
    int layers = 0;
    int hidden = 0;
    int intermediate = 0;
    int heads = 0;
    int kvHeads = 0;
    int headDim = 0;
    int vocab = 0;
    int contextLength = 0;
    float rmsEps = 1e-5f;
    double ropeTheta = 10000.0;
    RopeLayout ropeLayout = RopeLayout::Neox;
    std::vector<float> ropeFreqFactors; // headDim/2 divisors (Llama-3 scaling), empty when none
    bool qkvBias = false;
    bool qkNorm = false;
    bool tiedOutput = false;
};

// Reads the configuration from config.json / GGUF keys. Throws Error naming the architecture
// when it is not supported ("unsupported architecture 'gemma2' (BitCliff runs llama, qwen2,
// qwen3)") or a required tensor is missing.
TransformerConfig transformerConfigFor(const Model &model);
// The rotary embedding of `config`'s attention heads (nn/rope.h), as inference and training run it.
nn::RopeSpec ropeSpecFor(const TransformerConfig &config);

// Where the float32 weight matrices live. Resident: all in RAM, loaded up front. Streamed:
// the matrices stay in the memory-mapped model and each is dequantized (and fake-quantized)
// into a buffer of the session just before its use, once per batch of up to 512 tokens; only
// norms and biases are loaded. Automatic: resident when the float32 weights fit in the memory
// available, else streamed, keeping the output and embedding matrices resident if they fit.
enum class WeightResidency : uint8_t { Automatic, Resident, Streamed };

class WeightPlan;

struct InferenceOptions
{
    std::optional<QuantScheme> scheme; // fake-quantize eligible weights first
    // Per tensor instead of `scheme` when set: what WeightPlan::loadScheme says (a calibrated
    // method's prepared tensors are read as stored).
    std::shared_ptr<const WeightPlan> plan;
    int threads = 0;                   // 0: all cores; loader workers and BLAS threads (process-wide in OpenBLAS)
    WeightResidency residency = WeightResidency::Automatic;
};

// float32 weights of one model, immutable and shared between sessions.
class TransformerWeights;

// Loads (dequantizes, fake-quantizes) the weights in the background-friendly way: progress
// and cancel through `progress`. Throws Error when the float32 weights do not fit in the
// memory available ("needs 28.4 GiB as float32, 21.0 GiB available"), or, streamed, when
// the norms, biases and one float32 matrix do not. Streamed loading reads no matrix.
std::shared_ptr<const TransformerWeights> loadTransformer(std::shared_ptr<const Model> model,
                                                          const InferenceOptions &options,
                                                          const ProgressCallback &progress = {});
const TransformerConfig &configOf(const TransformerWeights &weights);
// Whether weight matrices are streamed from the mapped model at each evaluation.
bool isStreamed(const TransformerWeights &weights);

// Inputs of the linear layers, for activation capture.
enum class LinearInput : uint8_t { AttnIn, AttnOut, FfnIn, FfnDown };

class ActivationObserver
{
public:
    virtual ~ActivationObserver() = default;
    // `x` is [tokens × channels] row-major, the input of the `which` linear layers of `layer`.
    virtual void observe(int layer, LinearInput which, const float *x, int64_t tokens, int64_t channels) = 0;
};

// One sequence being evaluated: a KV cache of up to `maxContext` positions and, for streamed
// weights, a float32 buffer the size of the largest streamed matrix.
class InferenceSession
{
public:
    InferenceSession(std::shared_ptr<const TransformerWeights> weights, int maxContext);
    ~InferenceSession();
    InferenceSession(const InferenceSession &) = delete;
    InferenceSession &operator=(const InferenceSession &) = delete;

    const TransformerConfig &config() const;
    int position() const;           // tokens in the cache
    void reset();                   // empty cache, position 0
    void truncate(int position);    // forget cached positions >= position

    // Runs `tokens` at positions position()...position()+n-1 (appending to the cache) and
    // writes the logits of tokens [firstLogit, n) to `logits` ((n - firstLogit) × vocab
    // floats, row-major). Throws Error when the cache would overflow. Inputs longer than 512
    // tokens run in batches of 512: the observer sees each layer's inputs once per batch, and
    // streamed weights are read once per batch.
    void evaluate(std::span<const int32_t> tokens, int firstLogit, std::span<float> logits,
                  ActivationObserver *observer = nullptr);

    // Layer by layer, for calibration. The embedding rows of `tokens` ([n × hidden]) to `out`.
    void embed(std::span<const int32_t> tokens, std::span<float> out);
    // Runs decoder layer `layer` alone on `hidden` ([n × hidden], n <= the context; replaced by
    // the layer's output) as the tokens at positions 0…n−1 of a new sequence: the session is
    // reset and the cache holds only this layer's keys and values afterwards.
    void runLayer(int layer, std::span<float> hidden, ActivationObserver *observer = nullptr);
    // Only the attention half of layer `layer` (hidden += o·attention(norm(hidden))), as
    // runLayer runs it: AWQ measures q/k/v's rounding on this block's output.
    void runAttention(int layer, std::span<float> hidden, ActivationObserver *observer = nullptr);
    // The output norm, in place: the output head's input.
    void finalNorm(std::span<float> hidden);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace bitcliff
