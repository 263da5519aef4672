# -*- Python -*-
"""lit configuration for Rectify's IR, tool, execution and conformance tests."""

import os

import lit.formats
from lit.llvm import llvm_config

config.name = "RECTIFY"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".py"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs", "lit.local.cfg", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.rectify_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.rectify_tools_dir, append_path=True)
llvm_config.with_environment("PYTHONPATH",
                             os.path.join(config.rectify_src_root, "python"),
                             append_path=True)

config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%rectify_src", config.rectify_src_root))
config.substitutions.append(("%onnx_node_tests", config.onnx_testdata_dir))

tool_dirs = [config.rectify_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(
    ["rectify-opt", "rectify-import", "rectify-compile", "rectify-run"], tool_dirs)
