#pragma once
// llama.cpp's perplexity of a text on a GGUF file, as llama-perplexity computes it, through
// tests/llamacpp/reference.mjs (node-llama-cpp's prebuilt CPU build).
#include <QString>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace bitcliff::test {

// {"ppl", "ppl_err", "tokens_scored", "tokens"}, or {"error": "..."} when node or the node
// modules are missing or llama.cpp fails on the file. `node` is the node executable found at
// configure time (empty or ...NOTFOUND: none); `llamaCpp` the tests/llamacpp folder. The
// request is written beside `gguf`.
nlohmann::json llamaCppPerplexity(const QString &node, const std::filesystem::path &llamaCpp,
                                  const std::filesystem::path &gguf, const std::string &text, int nCtx);

} // namespace bitcliff::test
