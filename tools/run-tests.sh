#!/usr/bin/env bash
# Builds and runs every test: the full suite (warnings are errors), the core tests under
# address+undefined sanitizers, the threaded core tests under the thread sanitizer, and a
# short libFuzzer run of each file reader.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
cmake --workflow --preset ci
cmake --workflow --preset asan
cmake --workflow --preset tsan-core
cmake --workflow --preset fuzz
