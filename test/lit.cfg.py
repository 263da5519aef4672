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

# GPU targets. spirv-val and ptxas check the device code where they exist; the
# Vulkan execution tests need a Vulkan device (Mesa's lavapipe is enough).
import shutil

if shutil.which("spirv-val"):
    config.available_features.add("spirv-val")
_ptxas = shutil.which("ptxas") or next(
    (p for p in ["/usr/local/cuda/bin/ptxas"] if os.access(p, os.X_OK)), None)
if _ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", _ptxas))


def _has_vulkan_device():
    """True when the Vulkan loader finds at least one physical device."""
    import ctypes
    try:
        vulkan = ctypes.CDLL("libvulkan.so.1")
    except OSError:
        return False

    class InstanceCreateInfo(ctypes.Structure):
        _fields_ = [("sType", ctypes.c_int), ("pNext", ctypes.c_void_p),
                    ("flags", ctypes.c_uint32),
                    ("pApplicationInfo", ctypes.c_void_p),
                    ("enabledLayerCount", ctypes.c_uint32),
                    ("ppEnabledLayerNames", ctypes.c_void_p),
                    ("enabledExtensionCount", ctypes.c_uint32),
                    ("ppEnabledExtensionNames", ctypes.c_void_p)]

    info = InstanceCreateInfo(1, None, 0, None, 0, None, 0, None)
    instance = ctypes.c_void_p()
    if vulkan.vkCreateInstance(ctypes.byref(info), None,
                               ctypes.byref(instance)) != 0:
        return False
    count = ctypes.c_uint32(0)
    vulkan.vkEnumeratePhysicalDevices(instance, ctypes.byref(count), None)
    vulkan.vkDestroyInstance(instance, None)
    return count.value > 0


if _has_vulkan_device():
    config.available_features.add("vulkan")


def _has_cuda_device():
    """True when the CUDA driver initializes and reports a device: the CUDA
    execution tests need one and are unsupported (never passed) without."""
    import ctypes
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
    except OSError:
        return False
    count = ctypes.c_int(0)
    return (cuda.cuInit(0) == 0 and
            cuda.cuDeviceGetCount(ctypes.byref(count)) == 0 and
            count.value > 0)


if _has_cuda_device():
    config.available_features.add("cuda-device")
