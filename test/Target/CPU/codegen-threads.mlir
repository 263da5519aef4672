// RUN: rectify-opt %s --rectify-cpu-codegen="threads=2" | FileCheck %s --check-prefix=TWO
// RUN: rectify-opt %s --rectify-cpu-codegen="threads=0" | FileCheck %s --check-prefix=RUNTIME
// RUN: rectify-opt %s --rectify-cpu-codegen | FileCheck %s --check-prefix=SINGLE

// Threaded builds distribute the register-tile rows over OpenMP threads;
// single-threaded builds contain no OpenMP at all.
// TWO: omp.parallel num_threads
// TWO: omp.wsloop
// RUNTIME: omp.parallel {
// RUNTIME: omp.wsloop
// SINGLE-NOT: omp.
func.func @linear(%x: tensor<?x64xf32>) -> tensor<?x32xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<64x32xf32>
  %m = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%m) : tensor<?x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x32xf32>) -> tensor<?x32xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<?x64xf32>, tensor<64x32xf32>) outs(%f : tensor<?x32xf32>) -> tensor<?x32xf32>
  return %mm : tensor<?x32xf32>
}
