#!/usr/bin/env bash
# The README's demo: installs dependencies, builds the tools, then imports,
# optimizes, compiles and runs the bundled example (a 64-128-64-10 ReLU MLP
# trained on 8x8 digits, examples/mlp-digits), checks the output against
# PyTorch's and prints what the optimizer fused.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${RECTIFY_BUILD_DIR:-$root/build}"
bin="$build/bin"
example="$root/examples/mlp-digits"
python=/usr/bin/python3

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" rectify-import rectify-opt rectify-compile rectify-run

work=$(mktemp -d "${TMPDIR:-/tmp}/rectify-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Counts of rect ops in an MLIR file, e.g. "3 rect.linear, 2 rect.relu".
op_counts() {
  grep -o '= rect\.[a-z_0-9]*' "$1" | sed 's/^= //' | sort | uniq -c |
    awk '{ printf "%s%d %s", (NR > 1 ? ", " : ""), $1, $2 } END { print "" }'
}

echo "== 1. import: $example/model.onnx"
"$bin/rectify-import" "$example/model.onnx" > "$work/model.mlir"
echo "   ops: $(op_counts "$work/model.mlir")"

echo "== 2. optimize: rectify-opt --rect-optimize"
"$bin/rectify-opt" --rect-optimize "$work/model.mlir" -o "$work/model.opt.mlir"
echo "   ops: $(op_counts "$work/model.opt.mlir")"
echo "   fused:"
grep 'rect\.linear.*#rect\.act<' "$work/model.opt.mlir" |
  sed -E 's/.*(#rect\.act<[^>]*>).*: \(tensor<([^>]*)>.*-> tensor<([^>]*)>.*/     rect.linear \2 -> \3 + bias + \1/' ||
  echo "     (nothing)"

echo "== 3. compile: rectify-compile -o libmodel.so"
"$bin/rectify-compile" "$example/model.onnx" -o "$work/libmodel.so"
ls -l "$work/libmodel.so" | awk '{ print "   " $5 " bytes" }'

echo "== 4. run on $example/input.npy, check against PyTorch (expected.npy)"
"$bin/rectify-run" "$work/libmodel.so" --input "input=$example/input.npy" \
  --expect "logits=$example/expected.npy" --max-rel 1e-5 --output-dir "$work"
"$python" - "$work/logits.npy" "$example/labels.npy" <<'PY'
import sys
import numpy as np
predicted = np.load(sys.argv[1]).argmax(axis=1)
labels = np.load(sys.argv[2])
print("   predicted digits: %s" % " ".join(map(str, predicted)))
print("   true digits:      %s" % " ".join(map(str, labels)))
print("   %d of %d correct" % ((predicted == labels).sum(), len(labels)))
PY
echo "== demo OK"
