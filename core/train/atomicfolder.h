#pragma once
// A folder that appears whole or not at all: its files are written into a sibling temporary
// folder `<name>.tmp-bitcliff-<pid>-<n>`, which is synced and then swapped into place
// (renameat2 RENAME_EXCHANGE, where the filesystem lacks it two renames). An existing folder is
// replaced only once the new one is complete; a failure leaves it untouched and removes the
// temporary. Temporaries of killed processes are removed by the next writer beside them.
#include <filesystem>
#include <functional>

namespace bitcliff::train {

// Calls `fill(temporaryFolder)` to write the files, then puts the folder at `destination`.
// Refuses (Error) to replace anything but a folder that is empty or holds a model
// (config.json): a mistyped destination must not delete someone's files.
void writeFolderAtomically(const std::filesystem::path &destination,
                           const std::function<void(const std::filesystem::path &temporary)> &fill);

// Removes the temporary folders of `destination` left by processes that no longer run.
int removeStaleFolderTemporaries(const std::filesystem::path &destination);

} // namespace bitcliff::train
