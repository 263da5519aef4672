// RUN: rectify-opt %s -convert-rect-to-linalg -split-input-file | FileCheck %s --check-prefixes=CHECK,TAPS
// RUN: rectify-opt %s -convert-rect-to-linalg=named-window-ops=true -split-input-file | FileCheck %s --check-prefixes=CHECK,NAMED

// Pooling, batch norm and LRN lowerings.

// Max pool with ceil_mode: -inf padding covers the explicit pads plus what
// the last window reaches past them (6 + 0 + 0 -> (3 - 1) * 2 + 3 = 7).
// By default the padding is a copy into its interior (7x7) and then fills of
// its border, and the pool one all-parallel generic over the output taking the
// maximum of the nine window taps, each a 3x3 view of the padded input with
// stride 2 (the CPU back end reads such views contiguously and keeps every
// second lane; no stride-phase copy).
// TAPS-LABEL: func.func @max_pool_ceil
// The interior is copied first; then only the border (row 6, then column 6
// of rows 0-5) is filled, in place.
// TAPS: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x4x7x7xf32>
// TAPS: %[[IN:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0, 0, 0] [%{{.*}}, 4, 6, 6]
// TAPS: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// TAPS: %[[BOTTOM:.*]] = tensor.extract_slice %[[IN]][0, 0, 6, 0] [%{{.*}}, 4, 1, 7]
// TAPS: linalg.fill ins(%[[NEG]] : f32) outs(%[[BOTTOM]] : tensor<?x4x1x7xf32>)
// TAPS: %[[B1:.*]] = tensor.insert_slice %{{.*}} into %[[IN]][0, 0, 6, 0] [%{{.*}}, 4, 1, 7]
// TAPS: %[[RIGHT:.*]] = tensor.extract_slice %[[B1]][0, 0, 0, 6] [%{{.*}}, 4, 6, 1]
// TAPS: linalg.fill ins(%{{.*}} : f32) outs(%[[RIGHT]] : tensor<?x4x6x1xf32>)
// TAPS: %[[P:.*]] = tensor.insert_slice %{{.*}} into %[[B1]][0, 0, 0, 6] [%{{.*}}, 4, 6, 1]
// TAPS-NOT: linalg.generic
// TAPS: %[[T0:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 0] [%{{.*}}, 4, 3, 3] [1, 1, 2, 2] : tensor<?x4x7x7xf32> to tensor<?x4x3x3xf32>
// TAPS: %[[T1:.*]] = tensor.extract_slice %[[P]][0, 0, 0, 1] [%{{.*}}, 4, 3, 3] [1, 1, 2, 2]
// TAPS: %[[T8:.*]] = tensor.extract_slice %[[P]][0, 0, 2, 2] [%{{.*}}, 4, 3, 3] [1, 1, 2, 2]
// TAPS: %[[Y:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[T0]], %[[T1]], {{.*}}, %[[T8]] : {{.*}}) outs(%{{.*}} : tensor<?x4x3x3xf32>)
// TAPS-NOT: tensor.extract
// TAPS-COUNT-8: arith.maximumf
// TAPS: return %[[Y]]
// With named-window-ops: a gathering generic pads, then linalg's named pool.
// NAMED-LABEL: func.func @max_pool_ceil
// NAMED: %[[P:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<?x4x7x7xf32>)
// NAMED: %[[NEG:.*]] = arith.constant 0xFF800000 : f32
// NAMED: arith.select %{{.*}}, %{{.*}}, %[[NEG]]
// NAMED: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?x4x3x3xf32>)
// NAMED: %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// NAMED: %[[Y:.*]] = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[P]], %[[WIN]] : tensor<?x4x7x7xf32>, tensor<3x3xf32>) outs(%[[ACC]] : tensor<?x4x3x3xf32>)
// NAMED: return %[[Y]]
func.func @max_pool_ceil(%x: tensor<?x4x6x6xf32>) -> tensor<?x4x3x3xf32> {
  %0 = rect.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, ceil_mode = true} : tensor<?x4x6x6xf32> -> tensor<?x4x3x3xf32>
  return %0 : tensor<?x4x3x3xf32>
}

// -----

// Average pool: zero padding, the sum of the taps, then a division by the
// per-position element count. Without count_include_pad the corner windows of
// a 3x3 pool with pad 1 over 4x4 count 4 elements, the edges 6, the inside 9.
// CHECK-DAG: #[[$SP:.*]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-LABEL: func.func @avg_pool_exclude_pad
// CHECK: %[[D:.*]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [6.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<4x4xf32>
// TAPS: linalg.generic {indexing_maps = [{{.*}}, #[[$SP]], #{{.*}}], {{.*}} ins({{.*}}, %[[D]] :
// TAPS-COUNT-8: arith.addf
// TAPS: arith.divf
// NAMED: %[[S:.*]] = linalg.pooling_nchw_sum {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
// NAMED: linalg.generic {indexing_maps = [#{{.*}}, #[[$SP]], #{{.*}}], {{.*}} ins(%[[S]], %[[D]] :
// NAMED: arith.divf
func.func @avg_pool_exclude_pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = rect.avg_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// With count_include_pad the explicit pads count, but not what ceil_mode
// adds: over 5 with k = 2, s = 2, pad 1 before: windows [-1, 1), [1, 3),
// [3, 5) all count 2 per dim.
// CHECK-LABEL: func.func @avg_pool_include_pad_ceil
// CHECK: arith.constant dense<4.000000e+00> : tensor<3x3xf32>
// TAPS: linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x1x1x6xf32>)
// NAMED: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x6x6xf32>)
func.func @avg_pool_include_pad_ceil(%x: tensor<1x1x5x5xf32>) -> tensor<1x1x3x3xf32> {
  %0 = rect.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, ceil_mode = true, count_include_pad = true} : tensor<1x1x5x5xf32> -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Global pools reduce the spatial dims into [N, C] and expand to [N, C, 1, 1].
// CHECK-DAG: #[[$NC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @global_pools
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[$NC]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.addf
// CHECK: %[[C:.*]] = arith.constant 4.900000e+01 : f32
// CHECK: %[[AVG:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<?x8xf32>)
// CHECK: arith.divf %{{.*}}, %[[C]]
// CHECK: tensor.expand_shape %[[AVG]] {{\[}}[0], [1, 2, 3]] output_shape [%{{.*}}, 8, 1, 1] : tensor<?x8xf32> into tensor<?x8x1x1xf32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$NC]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape
func.func @global_pools(%x: tensor<?x8x7x7xf32>) -> (tensor<?x8x1x1xf32>, tensor<?x8x1x1xf32>) {
  %0 = rect.global_avg_pool %x : tensor<?x8x7x7xf32> -> tensor<?x8x1x1xf32>
  %1 = rect.global_max_pool %x : tensor<?x8x7x7xf32> -> tensor<?x8x1x1xf32>
  return %0, %1 : tensor<?x8x1x1xf32>, tensor<?x8x1x1xf32>
}

// -----

// Batch norm: one all-parallel generic reading the statistics per channel.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm
// CHECK: linalg.generic {indexing_maps = [#[[$ID]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$CH]], #[[$ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK: arith.subf
// CHECK: arith.addf
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @batch_norm(%x: tensor<?x3x5x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<?x3x5x5xf32> {
  %0 = rect.batch_norm %x, %s, %b, %m, %v : tensor<?x3x5x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>
  return %0 : tensor<?x3x5x5xf32>
}

// -----

// LRN: squares padded along the channels (size 4: 1 before, 2 after), summed
// over a 4-long window dim, then x / (bias + alpha / size * sum)^beta.
// CHECK-DAG: #[[$WIN_IN:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d4, d2, d3)>
// CHECK-LABEL: func.func @lrn
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x8x2x2xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[$WIN_IN]], #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
// CHECK: math.powf
// CHECK: arith.divf
func.func @lrn(%x: tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32> {
  %0 = rect.lrn %x {size = 4 : i64} : tensor<1x5x2x2xf32>
  return %0 : tensor<1x5x2x2xf32>
}
