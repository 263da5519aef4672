//===- Passes.h - CPU code generation passes ---------------------*- C++ -*-===//
#ifndef RECTIFY_TARGET_CPU_PASSES_H
#define RECTIFY_TARGET_CPU_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

namespace rectify::cpu {

#define GEN_PASS_DECL
#include "rectify/Target/CPU/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "rectify/Target/CPU/Passes.h.inc"

/// Marks the loops rectify-cpu-tile-and-vectorize makes over a contraction's
/// reduction dims (its accumulators are hoisted out of them); later passes
/// recognise a contraction by them.
inline constexpr llvm::StringLiteral kReductionLoopAttr =
    "rectify.reduction_loop";

/// Options of the CPU code generation pipeline.
struct CodegenOptions : mlir::PassPipelineOptions<CodegenOptions> {
  Option<int64_t> tileM{*this, "tile-m",
                        llvm::cl::desc("Register tile rows (0: cost model)"),
                        llvm::cl::init(0)};
  Option<int64_t> tileN{*this, "tile-n",
                        llvm::cl::desc("Register tile columns (0: cost model)"),
                        llvm::cl::init(0)};
  Option<int64_t> tileK{*this, "tile-k",
                        llvm::cl::desc("K unroll (0: cost model)"),
                        llvm::cl::init(0)};
  Option<int64_t> vectorBits{
      *this, "vector-bits",
      llvm::cl::desc("Vector register width of the target: 512 or 256"),
      llvm::cl::init(512)};
  Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads: 1 = single-threaded code without OpenMP; N > 1 "
                     "= OpenMP with N threads; 0 = OpenMP, thread count from "
                     "OMP_NUM_THREADS or all cores at run time"),
      llvm::cl::init(1)};
};

/// Lowers a module of linalg-on-tensors functions to the LLVM dialect:
/// destination-passing ABI, weight packing, tile + fuse + vectorize,
/// bufferization, vector and loop lowering, and conversion to LLVM.
void buildCodegenPipeline(mlir::OpPassManager &pm,
                          const CodegenOptions &options);

/// Registers the passes and the `rectify-cpu-codegen` pipeline.
void registerCPUCodegenPasses();

} // namespace rectify::cpu

#endif // RECTIFY_TARGET_CPU_PASSES_H
