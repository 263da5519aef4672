//===- Passes.td - GPU code generation passes --------------*- tablegen -*-===//
#ifndef RECTIFY_TARGET_GPU_PASSES_TD
#define RECTIFY_TARGET_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def GPUTileParallelLoops : Pass<"rectify-gpu-tile-parallel-loops",
                                "mlir::func::FuncOp"> {
  let summary = "Tile parallel loop nests into workgroups and map them to the GPU";
  let description = [{
    Each outermost `scf.parallel` (one per linalg op) becomes a grid of
    workgroups of threads, one thread per iteration:
    - nests deeper than 3 merge their leading dimensions (a convolution's
      batch and channels) so every dimension has a hardware id;
    - the last dimension, contiguous in memory, maps to x, the one before to
      y, the first to z, for workgroups (`block_*`) and threads (`thread_*`);
    - static dimensions take threads from the innermost outwards, each the
      largest power of two that fits its extent and the remaining budget of
      `threads`; a dynamic dimension (the batch) takes enough threads to fill
      32 when the static ones leave fewer, else one.
    Tiles have constant bounds and a guard (no min/max bounds), so the
    workgroup size is a compile-time constant.
  }];
  let options = [
    Option<"threads", "threads", "int64_t", /*default=*/"128",
           "Threads per workgroup at most (every Vulkan device supports 128)">
  ];
  let dependentDialects = ["mlir::gpu::GPUDialect", "mlir::scf::SCFDialect",
                           "mlir::affine::AffineDialect"];
}

def GPUSinkConstants : Pass<"rectify-gpu-sink-constants", "mlir::func::FuncOp"> {
  let summary = "Move constants and constant launch sizes into gpu.launch bodies";
  let description = [{
    Clones every `arith.constant` that a `gpu.launch` body uses from outside
    into the body, and replaces the body's block-size arguments whose launch
    operand is a constant by that constant. Outlined kernels then take only
    buffers and run-time sizes (the batch) as arguments, and their block size
    is known at compile time (`known_block_size`), which the SPIR-V entry
    point needs. Unlike `gpu-launch-sink-index-computations` it leaves
    `memref.dim` on the host: a kernel never asks a buffer for its extent.
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect",
                           "mlir::arith::ArithDialect"];
}

def GPUFuseParallelLoops : Pass<"rectify-gpu-fuse-parallel-loops",
                                "mlir::func::FuncOp"> {
  let summary = "Fuse consecutive parallel loop nests that pass values per thread";
  let description = [{
    Fuses an `scf.parallel` into the one before it when both have the same
    bounds and every buffer they share, and that one of them writes, is only
    accessed at the loops' induction variables: each iteration of the second
    nest reads only what the same iteration of the first wrote, so a linear
    layer's zero fill, matmul and bias + activation epilogue become one nest
    and later one kernel. Only nests that pass a buffer fuse (the second
    reads or writes a buffer the first writes): a fill of the next layer's
    accumulator fuses with that layer, not with the one before. Buffers that
    are different views of one allocation and operations with unknown memory
    effects prevent fusion; operations between the nests must be movable
    above the first.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect"];
}

def GPUForwardStores : Pass<"rectify-gpu-forward-stores", "mlir::func::FuncOp"> {
  let summary = "Forward stored values to later loads and drop write-only buffers";
  let description = [{
    Replaces a `memref.load` by the value of the last `memref.store` to the
    same buffer at the same indices in the same block when nothing in
    between may write the buffer (or another view of its allocation). A
    `memref.alloc` that is then only stored to is erased with its stores:
    after loop fusion, a layer's intermediate buffers disappear and the
    values stay in registers.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def GPUPromoteAccumulators : Pass<"rectify-gpu-promote-accumulators",
                                  "mlir::func::FuncOp"> {
  let summary = "Keep reduction accumulators in registers across scf.for loops";
  let description = [{
    A reduction lowered to loops (a matmul's K loop, a convolution's window
    loops) loads and stores its output element in every iteration. When the
    only accesses to a buffer inside an `scf.for` are one `memref.load` and a
    later `memref.store` at the same loop-invariant indices, both directly in
    the loop body, the pass loads once before the loop, carries the value as
    an iteration argument and stores it once after the loop. Applied from the
    innermost loop outwards, a convolution's three window loops keep one
    accumulator. The buffer is assumed not to be accessed through another
    memref in the loop (bufferization does not alias a reduction's output
    with its inputs).
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect",
                           "mlir::scf::SCFDialect"];
}

def GPUMergeKernelModules : Pass<"rectify-gpu-merge-kernel-modules",
                                 "mlir::ModuleOp"> {
  let summary = "Put every outlined kernel into one gpu.module";
  let description = [{
    `gpu-kernel-outlining` makes one `gpu.module` per launch. This pass moves
    all kernels into the first module, each renamed after the module it came
    from (names are unique), and updates the `gpu.launch_func` references, so
    a model's device code is one SPIR-V module (one entry point per kernel) or
    one PTX file.
  }];
  let dependentDialects = ["mlir::gpu::GPUDialect"];
}

def GPUSPIRVEntryPointABI : Pass<"rectify-gpu-spirv-entry-point-abi",
                                 "mlir::gpu::GPUModuleOp"> {
  let summary = "Give each kernel the SPIR-V entry point ABI of its block size";
  let description = [{
    Sets `spirv.entry_point_abi = #spirv.entry_point_abi<workgroup_size =
    [x, y, z]>` on every kernel from its `known_block_size`, which the SPIR-V
    conversion turns into the entry point's LocalSize. A kernel without a
    known block size is an error.
  }];
  let dependentDialects = ["mlir::spirv::SPIRVDialect"];
}

def GPUApproximateErf : Pass<"rectify-gpu-approximate-erf"> {
  let summary = "Replace math.erf by a polynomial approximation";
  let description = [{
    GELU's `math.erf` has no SPIR-V (GLSL.std.450) instruction. This pass
    rewrites f32 `math.erf` into MLIR's polynomial approximation (arith and
    math.exp/fma only), accurate to a few ulp, so the kernel needs no libm.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def GPUTileContractions : Pass<"rectify-gpu-tile-contractions",
                               "mlir::func::FuncOp"> {
  let summary = "Tile matmul-like loop nests through workgroup memory";
  let description = [{
    Matches an outermost `scf.parallel` (lower bounds 0, steps 1) whose body
    starts with a perfect nest of single-accumulator `scf.for` reductions
    (from 0, step 1) whose innermost body computes `acc + x * y` from loads
    and pure operations, followed by an epilogue (bias, activation, residual
    add, store). x must depend on a subset of the parallel dimensions and y
    on the complementary one, and no buffer read in the reduction may be
    written by the nest: the nest is then a [rows, K] x [K, columns] matrix
    product (a linear layer, or a convolution with the image positions as
    rows and the output channels as columns), which is replaced by a
    `gpu.launch`:
    - side x holds the innermost parallel dimension, side y the others; each
      side's dimensions, and the reduction loops, are linearized;
    - each workgroup computes a `tile-y` x `tile-x` output tile with
      (tile-x / regs-x) x (tile-y / regs-y) threads, each keeping a
      `regs-y` x `regs-x` tile of accumulators in registers;
    - for each slice of `tile-k` reduction steps, the threads stage both
      operands' slices in workgroup memory (two workgroup attributions),
      zero outside the extents, separated from the multiplication by
      `gpu.barrier`s;
    - after the reduction, each accumulator whose output element is in range
      (a guard) runs the epilogue once, so each output is stored once.
    With `mma=tf32` or `mma=tf32x3` (CUDA only; 32x32 tiles of 128 threads,
    `tile-k` a multiple of 8) f32 nests multiply the staged slices with
    `nvgpu.mma.sync` m16n8k8 on tf32 tensor cores instead: each warp owns a
    16x16 quarter of the tile as two 16x8 accumulator fragments. tf32 keeps
    10 mantissa bits of each operand (relative error about 2^-11 per
    product); tf32x3 splits each operand into a tf32 part and the rest and
    sums three products (hi*hi + hi*lo + lo*hi), about fp32 accuracy at
    three times the tensor-core work. The zero padding of the staged slices
    makes MMA tiles that overhang the extents exact, and the epilogue guard
    drops their outputs.
    Nests that do not match are left to `rectify-gpu-tile-parallel-loops`.
  }];
  let options = [
    Option<"tileX", "tile-x", "int64_t", /*default=*/"32",
           "Output tile extent along the side holding the innermost dimension">,
    Option<"tileY", "tile-y", "int64_t", /*default=*/"32",
           "Output tile extent along the other side">,
    Option<"tileK", "tile-k", "int64_t", /*default=*/"16",
           "Reduction steps staged in workgroup memory at a time">,
    Option<"regsX", "regs-x", "int64_t", /*default=*/"2",
           "Accumulators per thread along x">,
    Option<"regsY", "regs-y", "int64_t", /*default=*/"4",
           "Accumulators per thread along y">,
    Option<"mma", "mma", "std::string", /*default=*/"\"none\"",
           "Multiply f32 tiles on tensor cores (CUDA): none, tf32 or tf32x3">
  ];
  let dependentDialects = ["mlir::gpu::GPUDialect", "mlir::scf::SCFDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect",
                           "mlir::nvgpu::NVGPUDialect",
                           "mlir::vector::VectorDialect"];
}

def GPUSPIRVWorkgroupMemory : Pass<"rectify-gpu-spirv-workgroup-memory",
                                   "mlir::gpu::GPUModuleOp"> {
  let summary = "Turn kernels' workgroup attributions into Workgroup allocations";
  let description = [{
    The SPIR-V conversion does not lower `gpu.func` workgroup attributions,
    but lowers a `memref.alloc` in the `Workgroup` storage class to a
    module-scope Workgroup variable. This pass replaces each workgroup
    attribution of a kernel by such an allocation at the kernel's entry. The
    attributions must be statically shaped and accessed by loads and stores
    only.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect",
                           "mlir::spirv::SPIRVDialect"];
}

#endif // RECTIFY_TARGET_GPU_PASSES_TD
