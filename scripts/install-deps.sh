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
  # torchvision: the CNN execution tests export its resnet18, mobilenet_v2
  # and squeezenet1_1 (built without pretrained weights).
  python3-torchvision
  # GPU targets: the Vulkan loader and headers, Mesa's lavapipe (a Vulkan device on
  # the CPU, so the Vulkan path is checked numerically without a GPU), spirv-val.
  libvulkan-dev mesa-vulkan-drivers spirv-tools vulkan-tools
)
# The benchmark peers (bench/run.sh sets RECTIFY_BENCH=1).
if [ "${RECTIFY_BENCH:-0}" = 1 ]; then
  APT_PACKAGES+=(libdnnl-dev python3-torchvision)
  command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
fi

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

# onnxruntime-node for the benchmarks: its CPU library ships in the package;
# --ignore-scripts skips the install script's download, which fails offline.
if [ "${RECTIFY_BENCH:-0}" = 1 ]; then
  bench="$(cd "$(dirname "$0")/.." && pwd)/bench"
  if [ ! -d "$bench/node_modules/onnxruntime-node" ]; then
    (cd "$bench" && npm install --ignore-scripts --no-audit --no-fund)
  fi
fi
