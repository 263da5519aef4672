#!/usr/bin/env bash
# The benchmark command: installs the peers (apt: libdnnl-dev, python3-torch,
# python3-torchvision; npm: onnxruntime-node), builds Rectify, and prints the
# table of ratios measured in this run. Arguments go to bench/run.py.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
RECTIFY_BENCH=1 "$root/scripts/install-deps.sh"
"$root/scripts/build.sh" rectify-compile rectify-run
exec /usr/bin/python3 "$root/bench/run.py" "$@"
