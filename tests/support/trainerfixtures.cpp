#include "support/trainerfixtures.h"

#include "util/error.h"

#include <random>

namespace bitcliff::test {

TransformerConfig trainerTestConfig(const std::string &family, int vocab, bool tied)
{
    TransformerConfig c;
    c.family = family;
    c.layers = 2;
    c.hidden = 32;
    c.intermediate = 64;
    c.heads = 4;
    c.kvHeads = 2;
    c.headDim = 8;
    c.vocab = vocab;
    c.contextLength = 64;
    c.rmsEps = family == "llama" ? 1e-5f : 1e-6f;
    c.ropeTheta = 10000.0;
    c.qkvBias = family == "qwen2";
    c.qkNorm = family == "qwen3";
    c.tiedOutput = tied;
    return c;
}

train::Parameters<float> perturbedParameters(const TransformerConfig &config, uint64_t seed)
{
    train::Parameters<float> p = train::initialParameters<float>(config, seed);
    std::mt19937 random(unsigned(seed) + 1);
    std::uniform_real_distribution<float> offset(-0.2f, 0.2f);
    for (train::Tensor<float> &t : p.tensors)
        if (t.name.ends_with("norm.weight") || t.name.ends_with(".bias"))
            for (float &v : t.values)
                v += offset(random);
    return p;
}

std::vector<train::TrainingDocument> sentenceDocuments(int count, unsigned seed)
{
    const char *subjects[] = {"the cat", "a dog", "my friend", "the bird"};
    const char *verbs[] = {"sees", "likes", "finds", "hears"};
    const char *objects[] = {"the ball", "a tree", "the sun", "some bread"};
    std::mt19937 random(seed);
    std::vector<train::TrainingDocument> documents;
    for (int i = 0; i < count; ++i)
        documents.push_back(train::TrainingDocument::plain(std::string(subjects[random() % 4]) + " " + verbs[random() % 4]
                                                           + " " + objects[random() % 4] + "."));
    return documents;
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace bitcliff::test
