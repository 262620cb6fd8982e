#pragma once
// The synthetic demo checkpoint's tokenizer.json: byte-level BPE with the 256 single-byte
// tokens and no merges (every UTF-8 byte is one token), so the demo can be run and evaluated
// on any text. Like the weights, it is a stand-in until the trained demo model ships.
#include <string>

namespace bitcliff {

std::string demoTokenizerJson();

} // namespace bitcliff
