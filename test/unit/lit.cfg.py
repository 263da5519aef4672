# -*- Python -*-
"""Runs every GoogleTest binary built under test/unit as lit tests."""

import os

import lit.formats

config.name = "RECTIFY-UNIT"
config.suffixes = []
config.test_source_root = os.path.join(config.rectify_obj_root, "test", "unit")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
