//===- Pipeline.cpp - linalg on tensors to the LLVM dialect ---------------===//

#include "rectify/Target/CPU/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

void rectify::cpu::buildCodegenPipeline(OpPassManager &pm,
                                        const CodegenOptions &options) {
  bool threaded = options.threads.getValue() != 1;
  // Every build turns the marked tile loops into scf.parallel and fuses
  // consecutive ones over the same channels (canonicalize first drops the
  // single-iteration batch loops around them). Only threaded builds hand
  // them to OpenMP: single-threaded code has no OpenMP at all, and
  // convert-scf-to-cf lowers the loops in order.
  std::string parallelize = ",func.func(rectify-cpu-parallelize,canonicalize,"
                            "rectify-cpu-fuse-parallel-loops)";
  if (threaded) {
    parallelize += ",convert-scf-to-openmp";
    if (options.threads.getValue() > 1)
      parallelize +=
          "{num-threads=" + std::to_string(options.threads.getValue()) + "}";
  }
  // Buffers are allocated through generic functions that the driver binds
  // to the model's block cache (cpu::bindAllocator).
  std::string memrefFirst =
      threaded ? "finalize-memref-to-llvm{use-generic-functions=true}," : "";
  std::string openmpToLLVM = threaded ? "convert-openmp-to-llvm," : "";
  // Written as a textual pipeline: every stage is a registered pass that can
  // be replayed alone with rectify-opt when debugging a schedule.
  std::string pipeline = llvm::formatv(
      "rectify-cpu-destination-abi,"
      "func.func(rectify-cpu-fuse-elementwise,rectify-cpu-write-into-padding,"
      "rectify-cpu-pack-weights,"
      "canonicalize,cse,"
      "rectify-cpu-tile-and-vectorize{{tile-m={0} tile-n={1} tile-k={2} "
      "vector-bits={6}},"
      "rectify-cpu-vectorize-reductions{{vector-bits={6}},"
      "rectify-cpu-approximate-math,"
      "canonicalize,cse,lower-vector-mask,canonicalize),"
      "eliminate-empty-tensors,"
      "one-shot-bufferize{{unknown-type-conversion=identity-layout-map},"
      // CSE can leave self-copies that only a later canonicalize removes.
      "canonicalize,cse,canonicalize,"
      "buffer-deallocation-pipeline,canonicalize,"
      "func.func(rectify-cpu-copies-to-loops,rectify-cpu-prefetch-weight-panels,"
      "rectify-cpu-prefetch-input-planes,"
      "convert-linalg-to-loops){3},"
      "convert-vector-to-scf{{full-unroll=true},"
      // expand-strided-metadata must precede lower-affine; with OpenMP,
      // memrefs are lowered before the scf-to-cf conversion.
      "expand-strided-metadata,lower-affine,{4}convert-scf-to-cf,"
      "convert-math-to-llvm,convert-math-to-libm,"
      // A register tile transposed for its store (a convolution read in
      // place writing NCHW) is one shuffle, not an extract and an insert
      // per element.
      "convert-vector-to-llvm{{vector-contract-lowering=outerproduct "
      "vector-transpose-lowering=shuffle1d "
      "reassociate-fp-reductions=true},"
      "finalize-memref-to-llvm{{use-generic-functions=true},{5}"
      "convert-func-to-llvm,convert-arith-to-llvm,"
      "convert-ub-to-llvm,convert-cf-to-llvm,convert-index-to-llvm,"
      "reconcile-unrealized-casts",
      options.tileM.getValue(), options.tileN.getValue(),
      options.tileK.getValue(), parallelize, memrefFirst, openmpToLLVM,
      options.vectorBits.getValue());
  if (failed(parsePassPipeline(pipeline, pm)))
    llvm::report_fatal_error("rectify: malformed CPU code generation pipeline");
}

void rectify::cpu::registerCPUCodegenPasses() {
  registerRectifyCPUPasses();
  PassPipelineRegistration<CodegenOptions>(
      "rectify-cpu-codegen",
      "Lower linalg-on-tensors functions to the LLVM dialect for the CPU",
      buildCodegenPipeline);
}
