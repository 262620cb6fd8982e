#pragma once
// A tiny transformer that can be evaluated end to end: the checkpoint of tinytransformer.h
// plus a byte-level BPE tokenizer.json whose ids all fit its vocabulary, and sample texts.
#include "support/tinytransformer.h"

#include <filesystem>
#include <string>

namespace bitcliff::test {

// Writes the checkpoint (vocab raised to fit the tokenizer: 256 bytes + a few merges) and
// tokenizer.json into `directory`.
TinyTransformer writeEvaluableModel(const std::filesystem::path &directory, TinyTransformerSpec spec = {});

// About `words` words of plain English.
std::string sampleText(int words);

// Three task lines (two choice, one generation) labelled easy/hard and en/de.
std::string labelledTaskLines();

} // namespace bitcliff::test
