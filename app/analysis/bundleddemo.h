#pragma once
// The trained demo model (core/demo/demotraining.h) compiled into the application under
// :/demo-model, put on disk where every part of BitCliff opens it as a checkpoint.
#include <QString>

#include <filesystem>

namespace bitcliff::app {

// Whether this build carries the trained demo model.
bool hasBundledDemoModel();

// Copies the bundled model into `directory` unless it holds it already (the same demo.json),
// whole or not at all (a sibling folder first, then renamed into place). Returns the folder.
// Throws Error when the build carries no demo model or the folder cannot be written.
std::filesystem::path extractBundledDemoModel(const std::filesystem::path &directory);

// Where the desktop application keeps it: the user's cache folder.
QString cachedDemoModelPath();

} // namespace bitcliff::app
