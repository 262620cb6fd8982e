#pragma once
// What a checkpoint says about the network it holds (config.json or GGUF `[arch].*` keys).
#include <string>

namespace bitcliff {

struct ArchitectureSummary
{
    std::string name;       // "llama", "qwen2", "LlamaForCausalLM"... as the file says
    int layers = 0;         // num_hidden_layers / block_count
    int hiddenSize = 0;     // hidden_size / embedding_length
    int intermediateSize = 0;
    int heads = 0;
    int kvHeads = 0;        // defaults to heads
    int headDim = 0;        // head_dim, else hidden / heads
    int vocabSize = 0;
    int contextLength = 0;  // max_position_embeddings / context_length
    bool tieWordEmbeddings = false;
    double ropeTheta = 0.0;
    std::string ropeScaling; // e.g. "llama3 x8", empty when none
    double rmsNormEps = 0.0;
    bool known = false;     // false when the checkpoint carried no architecture at all
};

} // namespace bitcliff
