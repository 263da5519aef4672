#!/usr/bin/env bash
# Installs everything Rectify needs to build, test and run its demo on Debian bookworm.
# Idempotent: packages already present are skipped, so calling it again costs seconds.
set -euo pipefail

APT_PACKAGES=(
  cmake ninja-build ccache g++ git pkg-config
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22 libomp-22-dev
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx libonnx-testdata
  nlohmann-json3-dev libgtest-dev
  python3-numpy python3-torch
  python3-sklearn
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
