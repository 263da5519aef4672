// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s
// RUN: rectify-opt %s -convert-rect-to-linalg=concat-by-insertion=false -split-input-file | FileCheck %s --check-prefix=SELECT

// Data-movement ops: concat as insert_slices, slices as extract_slice (or an
// index-computing generic for negative strides), pads, gathers, tiles,
// broadcasts, selects and the remaining scalar math.

// Concat inserts each input at its offset into a fresh tensor, so that the
// op computing an input can write into the result in place. Without buffer
// views (concat-by-insertion=false, the GPU kernels) one generic reads both
// inputs at clamped indices and selects by the axis index.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME: %[[X:.*]]: tensor<?x4xf32>, %[[Y:.*]]: tensor<?x2xf32>)
// CHECK: %[[N:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x6xf32>
// CHECK: %[[NX:.*]] = tensor.dim %[[X]], %c0
// CHECK: %[[I1:.*]] = tensor.insert_slice %[[X]] into %[[E]][0, 0] [%[[NX]], 4] [1, 1]
// CHECK: %[[NY:.*]] = tensor.dim %[[Y]], %c0
// CHECK: %[[I2:.*]] = tensor.insert_slice %[[Y]] into %[[I1]][0, 4] [%[[NY]], 2] [1, 1]
// CHECK: return %[[I2]]
// SELECT-LABEL: func.func @concat(
// SELECT-SAME: %[[X:.*]]: tensor<?x4xf32>, %[[Y:.*]]: tensor<?x2xf32>)
// SELECT: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x6xf32>
// SELECT: linalg.generic {{.*}} outs(%[[E]] : tensor<?x6xf32>)
// SELECT: %[[J:.*]] = linalg.index 1 : index
// SELECT: %[[A:.*]] = tensor.extract %[[X]][%{{.*}}, %{{.*}}] : tensor<?x4xf32>
// SELECT: %[[JY:.*]] = arith.subi %[[J]], %{{.*}} : index
// SELECT: %[[B:.*]] = tensor.extract %[[Y]][%{{.*}}, %{{.*}}] : tensor<?x2xf32>
// SELECT: %[[IN:.*]] = arith.cmpi sge, %[[J]], %{{.*}} : index
// SELECT: %[[S:.*]] = arith.select %[[IN]], %[[B]], %[[A]] : f32
// SELECT: linalg.yield %[[S]] : f32
// SELECT-NOT: tensor.insert_slice
func.func @concat(%x: tensor<?x4xf32>, %y: tensor<?x2xf32>) -> tensor<?x6xf32> {
  %0 = rect.concat %x, %y {axis = 1 : i64} : (tensor<?x4xf32>, tensor<?x2xf32>) -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// Slices write fresh dense tensors (no strided views).
// CHECK-LABEL: func.func @slice_positive(
// CHECK: %[[D:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x6xf32>
// CHECK: tensor.empty(%[[D]]) : tensor<?x2xf32>
// CHECK: linalg.generic
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[T:.*]] = arith.muli %[[J]], %[[C2]] : index
// CHECK: %[[C1:.*]] = arith.constant 1 : index
// CHECK: %[[K:.*]] = arith.addi %[[T]], %[[C1]] : index
// CHECK: tensor.extract %arg0[%{{.*}}, %[[K]]] : tensor<?x6xf32>
// CHECK-NOT: tensor.extract_slice
func.func @slice_positive(%x: tensor<?x6xf32>) -> tensor<?x2xf32> {
  %0 = rect.slice %x {offsets = array<i64: 0, 1>, sizes = array<i64: -1, 2>, strides = array<i64: 1, 2>} : tensor<?x6xf32> -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

// Element i of the reversed dim is read at 5 - 2 i.
// CHECK-LABEL: func.func @slice_negative(
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<?x3xf32>)
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[M2:.*]] = arith.constant -2 : index
// CHECK: %[[T:.*]] = arith.muli %[[J]], %[[M2]] : index
// CHECK: %[[C5:.*]] = arith.constant 5 : index
// CHECK: %[[K:.*]] = arith.addi %[[T]], %[[C5]] : index
// CHECK: tensor.extract %arg0[%{{.*}}, %[[K]]] : tensor<?x6xf32>
func.func @slice_negative(%x: tensor<?x6xf32>) -> tensor<?x3xf32> {
  %0 = rect.slice %x {offsets = array<i64: 0, 5>, sizes = array<i64: -1, 3>, strides = array<i64: 1, -2>} : tensor<?x6xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// Constant padding reads a clamped index and selects the value outside.
// CHECK-LABEL: func.func @pad_constant(
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[J:.*]] = arith.subi %[[I]], %{{.*}} : index
// CHECK: %[[LO:.*]] = arith.cmpi sge, %[[J]], %{{.*}} : index
// CHECK: %[[HI:.*]] = arith.cmpi sle, %[[J]], %{{.*}} : index
// CHECK: %[[IN:.*]] = arith.andi %[[LO]], %[[HI]] : i1
// CHECK: %[[E:.*]] = tensor.extract %arg0
// CHECK: %[[V:.*]] = arith.constant 2.500000e+00 : f32
// CHECK: arith.select %[[IN]], %[[E]], %[[V]] : f32
// CHECK-NOT: tensor.pad
func.func @pad_constant(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = rect.pad %x {pads = array<i64: 0, 1, 0, 2>, value = 2.5 : f32} : tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// Reflection: j = i - 1, then -j below 0 and 2 * (3 - 1) - j above 2.
// CHECK-LABEL: func.func @pad_reflect(
// CHECK: linalg.generic
// CHECK: %[[I:.*]] = linalg.index 1 : index
// CHECK: %[[J:.*]] = arith.subi %[[I]], %{{.*}} : index
// CHECK: %[[LOW:.*]] = arith.cmpi slt, %[[J]], %{{.*}} : index
// CHECK: %[[HIGH:.*]] = arith.cmpi sgt, %[[J]], %{{.*}} : index
// CHECK: %[[S0:.*]] = arith.select %[[LOW]]
// CHECK: %[[S1:.*]] = arith.select %[[HIGH]], %{{.*}}, %[[S0]] : index
// CHECK: tensor.extract %arg0[%{{.*}}, %[[S1]]] : tensor<?x3xf32>
func.func @pad_reflect(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = rect.pad %x {pads = array<i64: 0, 1, 0, 2>, mode = "reflect"} : tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// Edge: the source index is clamped to [0, 2].
// CHECK-LABEL: func.func @pad_edge(
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract
func.func @pad_edge(%x: tensor<2x3xf32>) -> tensor<2x6xf32> {
  %0 = rect.pad %x {pads = array<i64: 0, 1, 0, 2>, mode = "edge"} : tensor<2x3xf32> -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

// CHECK-DAG: #[[$IDX:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @gather(
// CHECK: linalg.generic {indexing_maps = [#[[$IDX]], {{.*}}]{{.*}} ins(%arg1 : tensor<2x2xi64>) outs(%{{.*}} : tensor<?x2x2xf32>)
// CHECK: ^bb0(%[[IN:.*]]: i64, %{{.*}}: f32):
// CHECK: %[[I0:.*]] = linalg.index 0 : index
// CHECK: %[[K:.*]] = arith.index_cast %[[IN]] : i64 to index
// CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[K]]
// CHECK: %[[W:.*]] = arith.select %[[NEG]]
// CHECK: tensor.extract %arg0[%[[I0]], %[[W]]] : tensor<?x6xf32>
func.func @gather(%x: tensor<?x6xf32>, %i: tensor<2x2xi64>) -> tensor<?x2x2xf32> {
  %0 = rect.gather %x, %i {axis = 1 : i64} : tensor<?x6xf32>, tensor<2x2xi64> -> tensor<?x2x2xf32>
  return %0 : tensor<?x2x2xf32>
}

// -----

// CHECK-LABEL: func.func @tile(
// CHECK: linalg.generic
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[R:.*]] = arith.remui %[[J]], %{{.*}} : index
// CHECK: tensor.extract %arg0[%{{.*}}, %[[R]]] : tensor<?x3xf32>
// CHECK: } -> tensor<?x6xf32>
func.func @tile(%x: tensor<?x3xf32>) -> tensor<?x6xf32> {
  %0 = rect.tile %x {repeats = array<i64: 1, 2>} : tensor<?x3xf32> -> tensor<?x6xf32>
  return %0 : tensor<?x6xf32>
}

// -----

// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @expand(
// CHECK: linalg.generic {indexing_maps = [#[[$ROW]], {{.*}}]{{.*}} ins(%arg0 : tensor<1x6xf32>) outs(%{{.*}} : tensor<3x6xf32>)
func.func @expand(%x: tensor<1x6xf32>) -> tensor<3x6xf32> {
  %0 = rect.expand %x : tensor<1x6xf32> -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// CHECK-LABEL: func.func @where_pow_log_reciprocal(
// CHECK: ^bb0(%[[C:.*]]: i1, %[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: arith.select %[[C]], %[[A]], %[[B]] : f32
// CHECK: math.powf
// CHECK: math.log
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: arith.divf %[[ONE]], %{{.*}} : f32
func.func @where_pow_log_reciprocal(%c: tensor<4xi1>, %x: tensor<?x4xf32>, %e: tensor<f32>) -> tensor<?x4xf32> {
  %0 = rect.where %c, %x, %e : tensor<4xi1>, tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  %1 = rect.pow %0, %e : tensor<?x4xf32>, tensor<f32> -> tensor<?x4xf32>
  %2 = rect.log %1 : tensor<?x4xf32>
  %3 = rect.reciprocal %2 : tensor<?x4xf32>
  return %3 : tensor<?x4xf32>
}
