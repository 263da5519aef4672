// RUN: rectify-opt %s -split-input-file -verify-diagnostics | FileCheck %s

// rect.fill: a one-value tensor whose one dynamic dim follows a dynamic dim
// of its source; the verifier's errors.

// CHECK-LABEL: func.func @initial_state
func.func @initial_state(%x: tensor<?x10x8xf32>) -> tensor<2x?x16xf32> {
  // CHECK: rect.fill %{{.*}} {multiple = 2 : i64, source_dim = 0 : i64, value = 0.000000e+00 : f32} : tensor<?x10x8xf32> -> tensor<2x?x16xf32>
  %0 = rect.fill %x {source_dim = 0 : i64, multiple = 2 : i64, value = 0.0 : f32} : tensor<?x10x8xf32> -> tensor<2x?x16xf32>
  return %0 : tensor<2x?x16xf32>
}

// -----

func.func @static_source_dim(%x: tensor<?x10xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'rect.fill' op source_dim 1 of the source is not dynamic}}
  %0 = rect.fill %x {source_dim = 1 : i64, value = 0.0 : f32} : tensor<?x10xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @source_dim_range(%x: tensor<?x10xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'rect.fill' op source_dim 2 is out of range for rank 2}}
  %0 = rect.fill %x {source_dim = 2 : i64, value = 0.0 : f32} : tensor<?x10xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @static_result(%x: tensor<?x10xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'rect.fill' op the result must have exactly one dynamic dim, got 'tensor<4xf32>'}}
  %0 = rect.fill %x {source_dim = 0 : i64, value = 0.0 : f32} : tensor<?x10xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @multiple(%x: tensor<?x10xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'rect.fill' op multiple must be positive, got 0}}
  %0 = rect.fill %x {source_dim = 0 : i64, multiple = 0 : i64, value = 0.0 : f32} : tensor<?x10xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
