// RUN: rectify-opt %s -convert-rect-to-linalg | FileCheck %s

// rect.fill: tensor.empty sized by tensor.dim of the source (times the
// multiple) and a linalg.fill of the value; the source is not read.
// CHECK-LABEL: func.func @fill(
// CHECK-SAME: %[[X:.*]]: tensor<?x10x8xf32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[D:.*]] = tensor.dim %[[X]], %[[C0]] : tensor<?x10x8xf32>
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[N:.*]] = arith.muli %[[D]], %[[C2]] : index
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<3x?x16xf32>
// CHECK: %[[V:.*]] = arith.constant 1.500000e+00 : f32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[V]] : f32) outs(%[[E]] : tensor<3x?x16xf32>) -> tensor<3x?x16xf32>
// CHECK: return %[[F]]
func.func @fill(%x: tensor<?x10x8xf32>) -> tensor<3x?x16xf32> {
  %0 = rect.fill %x {source_dim = 0 : i64, multiple = 2 : i64, value = 1.5 : f32} : tensor<?x10x8xf32> -> tensor<3x?x16xf32>
  return %0 : tensor<3x?x16xf32>
}
