#!/usr/bin/env bash
# Configures (once) and builds Rectify in ./build with Ninja, clang-22 and ccache.
# Usage: scripts/build.sh [ninja targets...]   (default: all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${RECTIFY_BUILD_DIR:-$root/build}"
export CCACHE_BASEDIR="$root"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit
fi
ninja -C "$build" "$@"
