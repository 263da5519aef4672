"""Checks a calibration-pruning run against PyTorch (the oracle).

Usage: check_calibration.py DIR
DIR holds train_digits.py's outputs, report.json (rectify-compile
--prune-report) and out/logits.npy (the pruned compiled model run on
test.npy by rectify-run --output-dir). Checks:
 (a) every hidden unit that never fires on the calibration set in PyTorch was
     removed by calibration (the report's pruned indices of that layer equal
     PyTorch's dead units);
 (b) the pruned model's test accuracy is within 0.5 points of PyTorch's;
 (d) the report's layer sizes shrank by exactly the removed units.
"""

import json
import os
import sys

import numpy as np


def main():
    d = sys.argv[1]
    report = json.load(open(os.path.join(d, "report.json")))
    oracle = json.load(open(os.path.join(d, "dead.json")))

    # (a) the never-firing units, layer by layer.
    calibrated = report["calibration"]["layers"]
    assert len(calibrated) == len(oracle["dead"]), calibrated
    for layer, dead in zip(calibrated, oracle["dead"]):
        assert layer["never_fired_indices"] == dead, (layer["name"], dead)
        assert layer["pruned_indices"] == dead, (layer["name"], dead)
    print("dead units removed:", " ".join(str(len(x)) for x in oracle["dead"]))

    # (b) accuracy of the compiled pruned model on the test set.
    logits = np.load(os.path.join(d, "out", "logits.npy"))
    labels = np.load(os.path.join(d, "test_labels.npy"))
    accuracy = float((logits.argmax(axis=1) == labels).mean())
    assert abs(accuracy - oracle["accuracy"]) <= 0.005, (accuracy, oracle)
    print("accuracy within 0.5 points: %.4f vs pytorch %.4f"
          % (accuracy, oracle["accuracy"]))
    holdout = report["holdout"]
    assert holdout["samples"] == len(labels), holdout
    assert abs(holdout["accuracy_before"] - oracle["accuracy"]) <= 0.005

    # (d) layer sizes shrank.
    layers = report["layers"]
    assert len(layers) == 3, layers
    for i, dead in enumerate(oracle["dead"]):
        layer = layers[i]
        assert layer["removed_calibrated"] == len(dead), layer
        assert layer["removed_proven"] == 0, layer
        assert layer["neurons_after"] == layer["neurons_before"] - len(dead)
        assert layers[i + 1]["inputs_after"] == layer["neurons_after"]
        assert layer["parameters_after"] < layer["parameters_before"]
    total = report["total"]
    assert total["removed_calibrated"] == sum(len(x) for x in oracle["dead"])
    assert total["flops_after"] < total["flops_before"]
    print("layers shrank: %s" % " ".join(
        "%d->%d" % (l["neurons_before"], l["neurons_after"]) for l in layers))


if __name__ == "__main__":
    main()
