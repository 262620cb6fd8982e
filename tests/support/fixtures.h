#pragma once
// Fixtures written by the tests themselves: small safetensors checkpoints built in code.
#include "formats/model.h"
#include "formats/safetensorswriter.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bitcliff::test {

// Every value of tensor `name` of `model`, dequantized; throws Error when it is absent.
std::vector<float> tensorValues(const Model &model, const std::string &name);

// F32 little-endian bytes of `values`.
std::vector<std::byte> f32Bytes(const std::vector<float> &values);
// A safetensors entry holding `values` as F32 with `shape`.
SafetensorsEntry f32Entry(const std::string &name, std::vector<int64_t> shape, const std::vector<float> &values);
// Deterministic pseudo-random values (normal, std `scale`), seeded.
std::vector<float> randomValues(size_t count, unsigned seed, float scale = 1.0f);

// A tiny Llama-shaped HF directory: config.json + model.safetensors (F32) with `layers`
// layers, hidden size `hidden`, and input channel `outlierChannel` scaled by 20 in q/k/v.
void writeTinyLlama(const std::filesystem::path &directory, int layers = 2, int hidden = 16,
                    int outlierChannel = 3);

} // namespace bitcliff::test
