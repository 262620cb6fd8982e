#!/usr/bin/env bash
# Builds BitCliff and shows the demo: the GUI on the demo model when there is a display,
# and its Cliff page running the demo's sweep; otherwise the same sweep headless, with its
# report (report.html, charts as PNG/SVG/PDF, the data) in ./demo-report.
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
cmake --preset release
cmake --build --preset release --target bitcliff bitcliff-cli
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/release/app/bitcliff --demo
fi
./build/release/app/bitcliff-cli demo --out demo-report
echo "No display: the demo report is $(pwd)/demo-report/report.html"
