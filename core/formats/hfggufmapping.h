#pragma once
// How a Hugging Face checkpoint maps onto llama.cpp's GGUF conventions: the
// architecture name, tensor names, the [arch].* hyperparameter keys, and the Q/K row order
// of llama's NORM RoPE.
#include "formats/architecture.h"
#include "formats/dtype.h"
#include "formats/ggufwriter.h"

#include <cstdint>
#include <string>

namespace bitcliff {

// "llama" for LlamaForCausalLM / MistralForCausalLM, "qwen2" for Qwen2ForCausalLM (model_type
// spellings accepted too). Throws Error("<label>: ... architecture '<name>' ...") otherwise.
std::string ggufArchitectureForHf(const std::string &hfArchitecture, const std::string &label);

// GGUF name of an HF tensor ("model.layers.3.mlp.up_proj.weight" -> "blk.3.ffn_up.weight").
// Empty for tensors llama.cpp drops (rotary inv_freq buffers). Throws Error naming the
// tensor when it has no GGUF counterpart.
std::string ggufTensorName(const std::string &hfName);

// Heads the rows of this tensor are permuted by for llama's NORM RoPE (q_proj by the
// attention heads, k_proj by the KV heads, weights and biases), or 0 when not permuted.
int permutedHeads(const std::string &ggufArchitecture, const std::string &hfName, const ArchitectureSummary &arch);
// The source row that lands at destination `row`: within each head of `headDim` rows,
// source row h*headDim/2 + i moves to 2i + h (h in {0, 1}).
int64_t permutedSourceRow(int64_t row, int64_t headDim);

// general.file_type (llama_ftype) of a model mostly of `type`: Q4_K -> 15 (Q4_K_M)...
// Throws Error for non-GGUF block types.
uint32_t ggufFileType(DType type);

// general.* and [arch].* keys for an HF config. `vocabSize` overrides a missing vocab_size.
GgufMetadata hfArchitectureMetadata(const ArchitectureSummary &arch, const std::string &ggufArchitecture,
                                    const std::string &modelName, DType quantType, int vocabSize);

} // namespace bitcliff
