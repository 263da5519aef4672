// RUN: rectify-opt %s -rectify-cpu-tile-and-vectorize -canonicalize -cse -split-input-file | FileCheck %s

#map = affine_map<(m, n) -> (m, n)>
#bias = affine_map<(m, n) -> (n)>

// Linear + bias + ReLU with a dynamic batch: the matmul and fill are fused
// into the epilogue's 8x32 tiles; full tiles keep the accumulator in a
// vector<8x32xf32> across a K loop of vector.contract steps and apply the
// epilogue on it before one store. The rows left over by the 8-row tile are
// re-tiled one row at a time: vector<1x32xf32> accumulators, no masks.
// CHECK-LABEL: func.func @linear_relu
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     %[[ACC:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<8x32xf32>)
// CHECK:       vector.transfer_read %arg0{{.*}} : tensor<?x64xf32>, vector<8x4xf32>
// CHECK:       vector.transfer_read %arg1{{.*}} : tensor<64x64xf32>, vector<4x32xf32>
// CHECK:       vector.contract
// CHECK:     %[[B:.*]] = vector.broadcast
// CHECK:     %[[S:.*]] = arith.addf %[[ACC]], %[[B]] : vector<8x32xf32>
// ReLU: a compare and a select that x86 matches to one vmaxps (NaN kept).
// CHECK:     %[[LT:.*]] = arith.cmpf olt, %[[S]], %{{.*}} : vector<8x32xf32>
// CHECK:     %[[R:.*]] = arith.select %[[LT]], %{{.*}}, %[[S]] : vector<8x32xi1>, vector<8x32xf32>
// CHECK:     vector.transfer_write %[[R]]
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     scf.for {{.*}} step %c1
// CHECK:       %[[RACC:.*]] = scf.for {{.*}} -> (vector<1x32xf32>)
// CHECK:         vector.contract
// CHECK:       arith.addf %[[RACC]], %{{.*}} : vector<1x32xf32>
// CHECK-NOT: vector.mask
// CHECK-NOT: linalg.matmul
// CHECK-NOT: linalg.generic
func.func @linear_relu(%x: tensor<?x64xf32>, %w: tensor<64x64xf32>, %b: tensor<64xf32>) -> tensor<?x64xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %m = tensor.dim %x, %c0 : tensor<?x64xf32>
  %e = tensor.empty(%m) : tensor<?x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<?x64xf32>) -> tensor<?x64xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<?x64xf32>, tensor<64x64xf32>) outs(%f : tensor<?x64xf32>) -> tensor<?x64xf32>
  %e2 = tensor.empty(%m) : tensor<?x64xf32>
  %y = linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %b : tensor<?x64xf32>, tensor<64xf32>) outs(%e2 : tensor<?x64xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x64xf32>
  return %y : tensor<?x64xf32>
}

// -----

#map = affine_map<(m, n) -> (m, n)>

// The previous layer is not fused into the next one (that would recompute
// it per tile): both matmuls get their own tile loops.
// CHECK-LABEL: func.func @two_layers_stay_separate
// CHECK-COUNT-2: vector.contract
// CHECK-NOT: vector.contract
func.func @two_layers_stay_separate(%x: tensor<16x32xf32>, %w1: tensor<32x32xf32>, %w2: tensor<32x32xf32>) -> tensor<16x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %mm1 = linalg.matmul ins(%x, %w1 : tensor<16x32xf32>, tensor<32x32xf32>) outs(%f : tensor<16x32xf32>) -> tensor<16x32xf32>
  %y1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]}
      ins(%mm1 : tensor<16x32xf32>) outs(%e : tensor<16x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } -> tensor<16x32xf32>
  %f2 = linalg.fill ins(%zero : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %mm2 = linalg.matmul ins(%y1, %w2 : tensor<16x32xf32>, tensor<32x32xf32>) outs(%f2 : tensor<16x32xf32>) -> tensor<16x32xf32>
  return %mm2 : tensor<16x32xf32>
}

// -----

// Elementwise ops are tiled along the innermost dimension and vectorized.
// CHECK-LABEL: func.func @elementwise
// CHECK: scf.for
// CHECK: vector.transfer_read {{.*}} vector<1x64xf32>
// CHECK: math.tanh {{.*}} : vector<1x64xf32>
// CHECK-NOT: linalg.generic
func.func @elementwise(%x: tensor<?x128xf32>) -> tensor<?x128xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x128xf32>
  %e = tensor.empty(%m) : tensor<?x128xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x128xf32>) outs(%e : tensor<?x128xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// -----

// Reductions are not vectorized by this schedule; they are left to
// rectify-cpu-vectorize-reductions (vectorize-reductions.mlir).
// CHECK-LABEL: func.func @reduction_left_alone
// CHECK: linalg.generic
// CHECK-SAME: "reduction"
func.func @reduction_left_alone(%x: tensor<4x16xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %y = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m)>], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x16xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %o : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

#map = affine_map<(m, n) -> (m, n)>

// Ten columns, at most half the 32-wide tile: the tile gets vectors of
// exactly ten lanes, with no masks.
// CHECK-LABEL: func.func @narrow_output
// CHECK-NOT: vector.mask
// CHECK: vector.contract {{.*}} into vector<8x10xf32>
// CHECK-NOT: linalg.matmul
func.func @narrow_output(%x: tensor<16x32xf32>, %w: tensor<32x10xf32>) -> tensor<16x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x10xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x10xf32>) -> tensor<16x10xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<16x32xf32>, tensor<32x10xf32>) outs(%f : tensor<16x10xf32>) -> tensor<16x10xf32>
  return %mm : tensor<16x10xf32>
}

// -----

// Constant weights wider than one tile are repacked into [N/32][K][32]
// panels, so each register tile reads one contiguous K x 32 block.
// CHECK-LABEL: func.func @weight_panels
// CHECK: %[[P:.*]] = arith.constant dense_resource<weight_panels> : tensor<2x4x32xf32>
// CHECK: scf.for %[[N:.*]] = %c0 to %c64 step %c32
// CHECK:   %[[J:.*]] = affine.apply #{{.*}}(%[[N]])
// CHECK:   vector.transfer_read %[[P]][%[[J]], %{{.*}}, %c0]{{.*}} : tensor<2x4x32xf32>, vector<4x32xf32>
func.func @weight_panels(%x: tensor<16x4xf32>) -> tensor<16x64xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense_resource<w> : tensor<4x64xf32>
  %e = tensor.empty() : tensor<16x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<16x4xf32>, tensor<4x64xf32>) outs(%f : tensor<16x64xf32>) -> tensor<16x64xf32>
  return %mm : tensor<16x64xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x04000000000000000AD7233C0AD7A33C8FC2F53C0AD7233DCCCC4C3D8FC2753D295C8F3D0AD7A33DEB51B83DCCCCCC3DAE47E13D8FC2F53DB81E053E295C0F3E9999193E0AD7233E7B142E3EEB51383E5C8F423ECCCC4C3E3D0A573EAE47613E1E856B3E8FC2753E0000803EB81E853E703D8A3E295C8F3EE17A943E9999993E52B89E3E0AD7A33EC2F5A83E7B14AE3E3333B33EEB51B83EA470BD3E5C8FC23E14AEC73ECCCCCC3E85EBD13E3D0AD73EF528DC3EAE47E13E6666E63E1E85EB3ED7A3F03E8FC2F53E47E1FA3E0000003F5C8F023FB81E053F14AE073F703D0A3FCDCC0C3F295C0F3F85EB113FE17A143F3D0A173F9999193FF6281C3F52B81E3FAE47213F0AD7233F6666263FC2F5283F1E852B3F7B142E3FD7A3303F3333333F8FC2353FEB51383F47E13A3FA4703D3F0000403F5C8F423FB81E453F14AE473F703D4A3FCCCC4C3F295C4F3F85EB513FE17A543F3D0A573F9999593FF5285C3F52B85E3FAE47613F0AD7633F6666663FC2F5683F1E856B3F7B146E3FD7A3703F3333733F8FC2753FEB51783F47E17A3FA3707D3F0000803FAE47813F5C8F823F0AD7833FB81E853F6666863F14AE873FC2F5883F703D8A3F1F858B3FCDCC8C3F7B148E3F295C8F3FD7A3903F85EB913F3333933FE17A943F8FC2953F3D0A973FEB51983F9999993F47E19A3FF6289C3FA4709D3F52B89E3F0000A03FAE47A13F5C8FA23F0AD7A33FB81EA53F6666A63F14AEA73FC2F5A83F703DAA3F1E85AB3FCDCCAC3F7B14AE3F295CAF3FD7A3B03F85EBB13F3333B33FE17AB43F8FC2B53F3D0AB73FEB51B83F9999B93F47E1BA3FF528BC3FA470BD3F52B8BE3F0000C03FAE47C13F5C8FC23F0AD7C33FB81EC53F6666C63F14AEC73FC2F5C83F703DCA3F1E85CB3FCCCCCC3F7B14CE3F295CCF3FD7A3D03F85EBD13F3333D33FE17AD43F8FC2D53F3D0AD73FEB51D83F9999D93F47E1DA3FF528DC3FA470DD3F52B8DE3F0000E03FAE47E13F5C8FE23F0AD7E33FB81EE53F6666E63F14AEE73FC2F5E83F703DEA3F1E85EB3FCCCCEC3F7B14EE3F295CEF3FD7A3F03F85EBF13F3333F33FE17AF43F8FC2F53F3D0AF73FEB51F83F9999F93F47E1FA3FF528FC3FA370FD3F52B8FE3F00000040D7A30040AE47014085EB01405C8F0240333303400AD70340E17A0440B81E05408FC20540666606403D0A074014AE0740EB510840C2F5084099990940703D0A4047E10A401F850B40F6280C40CDCC0C40A4700D407B140E4052B80E40295C0F4000001040D7A31040AE47114085EB11405C8F1240333313400AD71340E17A1440B81E15408FC21540666616403D0A174014AE1740EB511840C2F5184099991940703D1A4047E11A401E851B40F6281C40CDCC1C40A4701D407B141E4052B81E40295C1F4000002040D7A32040AE47214085EB21405C8F224033332340"
    }
  }
#-}

// -----

// A window gather reads its input at y + i, x + j: not a projected
// permutation. Its tiles have unit extents except along x, so with the unit
// loops dropped the read is a contiguous vector.
#window = affine_map<(c, i, j, y, x) -> (c, y + i, x + j)>
#cols = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>

// CHECK-LABEL: func.func @window_gather
// CHECK: vector.transfer_read %arg0{{.*}} : tensor<2x10x10xf32>, vector<8xf32>
// CHECK: arith.mulf {{.*}} : vector<8xf32>
// CHECK-NOT: linalg.generic
func.func @window_gather(%p: tensor<2x10x10xf32>) -> tensor<2x3x3x8x8xf32> {
  %e = tensor.empty() : tensor<2x3x3x8x8xf32>
  %r = linalg.generic {indexing_maps = [#window, #cols], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%p : tensor<2x10x10xf32>) outs(%e : tensor<2x3x3x8x8xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.mulf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<2x3x3x8x8xf32>
  return %r : tensor<2x3x3x8x8xf32>
}

// -----

// With stride 2 the read x * 2 becomes a read at x of a stride-2 slice: a
// projected permutation, vectorized. The strided read itself is the 16
// contiguous elements that cover it and a shuffle of every second lane
// (StridedReads.cpp).
#strided = affine_map<(c, i, j, y, x) -> (c, y * 2 + i, x * 2 + j)>
#cols2 = affine_map<(c, i, j, y, x) -> (c, i, j, y, x)>

// CHECK-LABEL: func.func @strided_window_gather
// CHECK: %[[ROW:.*]] = tensor.extract_slice %{{.*}} [1, 1, 15] [1, 1, 1] : tensor<2x17x17xf32> to tensor<1x1x15xf32>
// CHECK: %[[ROW1:.*]] = tensor.extract_slice %[[ROW]][0, 0, 0] [1, 1, 15] [1, 1, 1] : tensor<1x1x15xf32> to tensor<15xf32>
// CHECK: %[[WIDE:.*]] = vector.transfer_read %[[ROW1]][%{{.*}}], %{{.*}} : tensor<15xf32>, vector<16xf32>
// CHECK: %[[V:.*]] = vector.shuffle %[[WIDE]], %[[WIDE]] [0, 2, 4, 6, 8, 10, 12, 14] : vector<16xf32>, vector<16xf32>
// CHECK: arith.mulf %[[V]], %[[V]] : vector<8xf32>
// CHECK-NOT: linalg.generic
func.func @strided_window_gather(%p: tensor<2x17x17xf32>) -> tensor<2x3x3x8x8xf32> {
  %e = tensor.empty() : tensor<2x3x3x8x8xf32>
  %r = linalg.generic {indexing_maps = [#strided, #cols2], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%p : tensor<2x17x17xf32>) outs(%e : tensor<2x3x3x8x8xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.mulf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<2x3x3x8x8xf32>
  return %r : tensor<2x3x3x8x8xf32>
}

// -----

// Columns left over by a dynamic N are masked. The masked accumulator is
// still carried in registers across the K loop: read once before it, written
// once after it, with the same mask.
// CHECK-LABEL: func.func @dynamic_columns
// CHECK: scf.for {{.*}} step %c32
// CHECK: scf.for {{.*}} -> (vector<8x32xf32>)
// CHECK: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %c32
// CHECK: %[[MASK:.*]] = vector.create_mask %c8, %{{.*}} : vector<8x32xi1>
// CHECK: %[[INIT:.*]] = vector.mask %[[MASK]] { vector.transfer_read
// CHECK: %[[ACC:.*]] = scf.for {{.*}} iter_args(%[[A:.*]] = %[[INIT]]) -> (vector<8x32xf32>)
// CHECK-NOT: vector.transfer_write
// CHECK: vector.mask %{{.*}} { vector.contract {{.*}} %[[A]]
// CHECK: vector.mask %[[MASK]] { vector.transfer_write %[[ACC]]
func.func @dynamic_columns(%x: tensor<16x64xf32>, %w: tensor<64x?xf32>, %b: tensor<?xf32>) -> tensor<16x?xf32> {
  %z = arith.constant 0.0 : f32
  %c1 = arith.constant 1 : index
  %n = tensor.dim %w, %c1 : tensor<64x?xf32>
  %e = tensor.empty(%n) : tensor<16x?xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<16x?xf32>) -> tensor<16x?xf32>
  %m = linalg.matmul ins(%x, %w : tensor<16x64xf32>, tensor<64x?xf32>) outs(%f : tensor<16x?xf32>) -> tensor<16x?xf32>
  %e2 = tensor.empty(%n) : tensor<16x?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (n)>, affine_map<(m, n) -> (m, n)>], iterator_types = ["parallel", "parallel"]} ins(%m, %b : tensor<16x?xf32>, tensor<?xf32>) outs(%e2 : tensor<16x?xf32>) {
  ^bb0(%a: f32, %bb: f32, %o: f32):
    %s = arith.addf %a, %bb : f32
    %t = arith.maximumf %s, %z : f32
    linalg.yield %t : f32
  } -> tensor<16x?xf32>
  return %r : tensor<16x?xf32>
}

// -----

// An elementwise op over [N, C, H, W] runs its channel loop on threads: the
// batch loop runs once at batch 1.
#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>

// CHECK-LABEL: func.func @threads_over_channels
// CHECK: scf.for %{{.*}} = %c0 to %{{.*}} step %c1
// CHECK-NOT: rectify.parallel
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: } {rectify.parallel}
// CHECK-NEXT: scf.yield
// CHECK-NEXT: {{^ *}}}{{$}}
func.func @threads_over_channels(%x: tensor<?x4x8x64xf32>) -> tensor<?x4x8x64xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4x8x64xf32>
  %e = tensor.empty(%n) : tensor<?x4x8x64xf32>
  %r = linalg.generic {indexing_maps = [#nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<?x4x8x64xf32>) outs(%e : tensor<?x4x8x64xf32>) {
  ^bb0(%a: f32, %b: f32):
    %s = arith.mulf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<?x4x8x64xf32>
  return %r : tensor<?x4x8x64xf32>
}

// -----

// A batch of products (attention) becomes a loop over the batch around a 2-D
// matmul with the register-tile schedule.
// CHECK-LABEL: func.func @batch_of_products
// CHECK-NOT: linalg.batch_matmul
// CHECK: scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK: scf.for {{.*}} -> (vector<8x32xf32>)
// CHECK: vector.contract {{.*}} : vector<8x4xf32>, vector<4x32xf32> into vector<8x32xf32>
// CHECK-NOT: linalg.batch_matmul
func.func @batch_of_products(%a: tensor<4x16x64xf32>, %b: tensor<4x64x40xf32>) -> tensor<4x16x40xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16x40xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<4x16x40xf32>) -> tensor<4x16x40xf32>
  %m = linalg.batch_matmul ins(%a, %b : tensor<4x16x64xf32>, tensor<4x64x40xf32>) outs(%f : tensor<4x16x40xf32>) -> tensor<4x16x40xf32>
  return %m : tensor<4x16x40xf32>
}

// -----

// A convolution read in place (ConvImplicitGemm.cpp): its multiply-accumulate
// generic is fused into the tiles of its epilogue. Register tile: 8 output
// columns x 32 channels (the channels in the lanes); the kernel rows,
// columns and input channels (by 4) are loops that carry the accumulator in
// registers; each step is a contraction of 4 x 8 input pixels with 4 x 32
// weights. The epilogue runs on the accumulator and writes NCHW through one
// transpose per tile. Threads take the output rows (the input outweighs the
// weight, 4896 elements to 4608, and there are 32 rows). The accumulator starts
// from zero registers (the fused fill's tile is never allocated), and the
// pixels are read straight from the padded input.
// CHECK-LABEL: func.func @window_contraction
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<8x32xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c32
// CHECK: scf.for {{.*}} to %c3 step %c1 iter_args(%{{.*}} = %[[ZERO]]) -> (vector<8x32xf32>)
// CHECK: scf.for {{.*}} to %c3 step %c1 iter_args({{.*}}) -> (vector<8x32xf32>)
// CHECK: scf.for {{.*}} to %c8 step %c4 iter_args(%[[A:.*]] = %{{.*}}) -> (vector<8x32xf32>)
// CHECK-NOT: vector.transfer_write
// CHECK: %[[PIX:.*]] = vector.transfer_read %arg0{{.*}} : tensor<1x8x34x18xf32>, vector<4x8xf32>
// CHECK: vector.contract {{.*}} %[[PIX]], %{{.*}}, %[[A]] : vector<4x8xf32>, vector<4x32xf32> into vector<8x32xf32>
// CHECK: } {rectify.reduction_loop}
// CHECK: } {rectify.reduction_loop}
// CHECK: } {rectify.reduction_loop}
// CHECK: arith.cmpf olt, {{.*}} : vector<1x1x8x32xf32>
// CHECK: vector.transpose {{.*}} [0, 3, 1, 2] : vector<1x1x8x32xf32> to vector<1x32x1x8xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x32x1x8xf32>, tensor<1x64x32x16xf32>
// CHECK: } {rectify.parallel}
#in = affine_map<(n, y, x, f, i, j, c) -> (n, c, y + i, x + j)>
#w = affine_map<(n, y, x, f, i, j, c) -> (i, j, c, f)>
#acc = affine_map<(n, y, x, f, i, j, c) -> (n, y, x, f)>
#id = affine_map<(n, y, x, f) -> (n, y, x, f)>
#ch = affine_map<(n, y, x, f) -> (f)>
#nchw = affine_map<(n, y, x, f) -> (n, f, y, x)>
func.func @window_contraction(%p: tensor<1x8x34x18xf32>, %b: tensor<64xf32>) -> tensor<1x64x32x16xf32> {
  %w = arith.constant dense<0.5> : tensor<3x3x8x64xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x32x16x64xf32>
  %a = linalg.fill ins(%z : f32) outs(%e : tensor<1x32x16x64xf32>) -> tensor<1x32x16x64xf32>
  %s = linalg.generic {indexing_maps = [#in, #w, #acc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%p, %w : tensor<1x8x34x18xf32>, tensor<3x3x8x64xf32>) outs(%a : tensor<1x32x16x64xf32>) {
  ^bb0(%x: f32, %k: f32, %o: f32):
    %m = arith.mulf %x, %k : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x32x16x64xf32>
  %e2 = tensor.empty() : tensor<1x64x32x16xf32>
  %y = linalg.generic {indexing_maps = [#id, #ch, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s, %b : tensor<1x32x16x64xf32>, tensor<64xf32>) outs(%e2 : tensor<1x64x32x16xf32>) {
  ^bb0(%v: f32, %bb: f32, %o: f32):
    %t = arith.addf %v, %bb : f32
    %u = arith.maximumf %t, %z : f32
    linalg.yield %u : f32
  } -> tensor<1x64x32x16xf32>
  return %y : tensor<1x64x32x16xf32>
}

// -----

// A window contraction whose weight (1x1, 16 -> 64: 1024 elements)
// outweighs its input (16 channels of 7x7: 784) and whose 7 output rows
// would split unevenly: the filter tiles are the outermost loop and go to
// threads, so each thread streams half of the weight (by rows, each
// streamed all of it).
// CHECK-LABEL: func.func @window_filters_on_threads
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c32
// CHECK: scf.for %{{.*}} = %c0 to %c7 step %c1
// CHECK: vector.contract
// CHECK: vector.transfer_write {{.*}} : vector<1x32x1x7xf32>, tensor<1x64x7x7xf32>
// CHECK: {rectify.parallel}
// CHECK-NEXT: return
#fin = affine_map<(n, y, x, f, i, j, c) -> (n, c, y + i, x + j)>
#fw = affine_map<(n, y, x, f, i, j, c) -> (i, j, c, f)>
#facc = affine_map<(n, y, x, f, i, j, c) -> (n, y, x, f)>
#fid = affine_map<(n, y, x, f) -> (n, y, x, f)>
#fnchw = affine_map<(n, y, x, f) -> (n, f, y, x)>
func.func @window_filters_on_threads(%p: tensor<1x16x7x7xf32>) -> tensor<1x64x7x7xf32> {
  %w = arith.constant dense<0.25> : tensor<1x1x16x64xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x7x7x64xf32>
  %a = linalg.fill ins(%z : f32) outs(%e : tensor<1x7x7x64xf32>) -> tensor<1x7x7x64xf32>
  %s = linalg.generic {indexing_maps = [#fin, #fw, #facc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%p, %w : tensor<1x16x7x7xf32>, tensor<1x1x16x64xf32>) outs(%a : tensor<1x7x7x64xf32>) {
  ^bb0(%x: f32, %k: f32, %o: f32):
    %m = arith.mulf %x, %k : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x7x7x64xf32>
  %e2 = tensor.empty() : tensor<1x64x7x7xf32>
  %y = linalg.generic {indexing_maps = [#fid, #fnchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x7x7x64xf32>) outs(%e2 : tensor<1x64x7x7xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<1x64x7x7xf32>
  return %y : tensor<1x64x7x7xf32>
}

// -----

// A strided window contraction (1x1, stride 2): the pixels of a tile are
// read from a stride-2 slice of the input row. Its constant weight
// [1, 1, 4, 64] is packed at compile time into panels [64 / 32, 1, 1, 4, 32].
// CHECK-LABEL: func.func @strided_window_panels
// CHECK: %[[PANELS:.*]] = arith.constant dense_resource<weight_panels> : tensor<2x1x1x4x32xf32>
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK: scf.for %[[F:.*]] = %c0 to %c64 step %c32
// CHECK: %[[PIX:.*]] = tensor.extract_slice %{{.*}}[0, 0] [4, 8] [1, 2] : tensor<4x15xf32> to tensor<4x8xf32>
// CHECK: %[[A:.*]] = vector.transfer_read %[[PIX]]{{.*}} : tensor<4x8xf32>, vector<4x8xf32>
// CHECK: %[[PANEL:.*]] = affine.apply #{{.*}}(%[[F]])
// CHECK: %[[W:.*]] = vector.transfer_read %[[PANELS]][%[[PANEL]], %c0, %c0, %c0, %c0]{{.*}} : tensor<2x1x1x4x32xf32>, vector<4x32xf32>
// CHECK: vector.contract {{.*}} %[[A]], %[[W]], %{{.*}} : vector<4x8xf32>, vector<4x32xf32> into vector<8x32xf32>
// CHECK: vector.transpose
#in2 = affine_map<(n, y, x, f, i, j, c) -> (n, c, y * 2 + i, x * 2 + j)>
#w2 = affine_map<(n, y, x, f, i, j, c) -> (i, j, c, f)>
#acc2 = affine_map<(n, y, x, f, i, j, c) -> (n, y, x, f)>
#id2 = affine_map<(n, y, x, f) -> (n, y, x, f)>
#nchw2 = affine_map<(n, y, x, f) -> (n, f, y, x)>
func.func @strided_window_panels(%p: tensor<1x4x4x16xf32>) -> tensor<1x64x2x8xf32> {
  %w = arith.constant dense<[[[[0.00, 0.37, 0.74, 0.10, 0.47, 0.84, 0.20, 0.57, 0.94, 0.30, 0.67, 0.03, 0.40, 0.77, 0.13, 0.50, 0.87, 0.23, 0.60, 0.97, 0.33, 0.70, 0.06, 0.43, 0.80, 0.16, 0.53, 0.90, 0.26, 0.63, 1.00, 0.36, 0.73, 0.09, 0.46, 0.83, 0.19, 0.56, 0.93, 0.29, 0.66, 0.02, 0.39, 0.76, 0.12, 0.49, 0.86, 0.22, 0.59, 0.96, 0.32, 0.69, 0.05, 0.42, 0.79, 0.15, 0.52, 0.89, 0.25, 0.62, 0.99, 0.35, 0.72, 0.08], [0.45, 0.82, 0.18, 0.55, 0.92, 0.28, 0.65, 0.01, 0.38, 0.75, 0.11, 0.48, 0.85, 0.21, 0.58, 0.95, 0.31, 0.68, 0.04, 0.41, 0.78, 0.14, 0.51, 0.88, 0.24, 0.61, 0.98, 0.34, 0.71, 0.07, 0.44, 0.81, 0.17, 0.54, 0.91, 0.27, 0.64, 0.00, 0.37, 0.74, 0.10, 0.47, 0.84, 0.20, 0.57, 0.94, 0.30, 0.67, 0.03, 0.40, 0.77, 0.13, 0.50, 0.87, 0.23, 0.60, 0.97, 0.33, 0.70, 0.06, 0.43, 0.80, 0.16, 0.53], [0.90, 0.26, 0.63, 1.00, 0.36, 0.73, 0.09, 0.46, 0.83, 0.19, 0.56, 0.93, 0.29, 0.66, 0.02, 0.39, 0.76, 0.12, 0.49, 0.86, 0.22, 0.59, 0.96, 0.32, 0.69, 0.05, 0.42, 0.79, 0.15, 0.52, 0.89, 0.25, 0.62, 0.99, 0.35, 0.72, 0.08, 0.45, 0.82, 0.18, 0.55, 0.92, 0.28, 0.65, 0.01, 0.38, 0.75, 0.11, 0.48, 0.85, 0.21, 0.58, 0.95, 0.31, 0.68, 0.04, 0.41, 0.78, 0.14, 0.51, 0.88, 0.24, 0.61, 0.98], [0.34, 0.71, 0.07, 0.44, 0.81, 0.17, 0.54, 0.91, 0.27, 0.64, 0.00, 0.37, 0.74, 0.10, 0.47, 0.84, 0.20, 0.57, 0.94, 0.30, 0.67, 0.03, 0.40, 0.77, 0.13, 0.50, 0.87, 0.23, 0.60, 0.97, 0.33, 0.70, 0.06, 0.43, 0.80, 0.16, 0.53, 0.90, 0.26, 0.63, 1.00, 0.36, 0.73, 0.09, 0.46, 0.83, 0.19, 0.56, 0.93, 0.29, 0.66, 0.02, 0.39, 0.76, 0.12, 0.49, 0.86, 0.22, 0.59, 0.96, 0.32, 0.69, 0.05, 0.42]]]]> : tensor<1x1x4x64xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x8x64xf32>
  %a = linalg.fill ins(%z : f32) outs(%e : tensor<1x2x8x64xf32>) -> tensor<1x2x8x64xf32>
  %s = linalg.generic {indexing_maps = [#in2, #w2, #acc2], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%p, %w : tensor<1x4x4x16xf32>, tensor<1x1x4x64xf32>) outs(%a : tensor<1x2x8x64xf32>) {
  ^bb0(%x: f32, %k: f32, %o: f32):
    %m = arith.mulf %x, %k : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x2x8x64xf32>
  %e2 = tensor.empty() : tensor<1x64x2x8xf32>
  %y = linalg.generic {indexing_maps = [#id2, #nchw2], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<1x2x8x64xf32>) outs(%e2 : tensor<1x64x2x8xf32>) {
  ^bb0(%v: f32, %o: f32):
    %u = arith.maximumf %v, %z : f32
    linalg.yield %u : f32
  } -> tensor<1x64x2x8xf32>
  return %y : tensor<1x64x2x8xf32>
}

// -----

// A 1x1 conv by rows (ConvPointwise.cpp): the window contraction's lanes are
// output pixels, not filters. This one projects 32 channels to 24. A row
// of 56 takes 16-lane tiles and an exact 8-lane remainder (32-lane tiles
// would leave 24 lanes, an odd vector size LLVM assembles element by
// element); with one vector of pixels, all 24 filters in one tile (24
// accumulators, choosePixelLaneFilterTile), so each input vector is loaded
// once. The per-filter bias is a splat per row, and each row of the tile is
// stored where it belongs in the NCHW result: no transposes.
#pw_w = affine_map<(n, y, f, x, c) -> (c, f)>
#pw_in = affine_map<(n, y, f, x, c) -> (n, c, y, x)>
#pw_acc = affine_map<(n, y, f, x, c) -> (n, y, f, x)>
#pw_id = affine_map<(n, y, f, x) -> (n, y, f, x)>
#pw_ch = affine_map<(n, y, f, x) -> (f)>
#pw_nchw = affine_map<(n, y, f, x) -> (n, f, y, x)>

// CHECK-LABEL: func.func @pointwise_rows
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK-NOT: rectify.parallel
// CHECK: scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK-NOT: scf.for %{{.*}} = %c0 to %c24
// CHECK: vector.contract {{.*}} : vector<4x24xf32>, vector<4x16xf32> into vector<24x16xf32>
// CHECK: vector.broadcast %{{.*}} : vector<24x1xf32> to vector<1x1x24x16xf32>
// CHECK: arith.cmpf olt, {{.*}} : vector<1x1x24x16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x24x1x16xf32>, tensor<1x24x2x56xf32>
// The remainder: 8 lanes, exact.
// CHECK: vector.contract {{.*}} : vector<4x24xf32>, vector<4x8xf32> into vector<24x8xf32>
// CHECK: vector.transfer_write {{.*}} : vector<1x24x1x8xf32>, tensor<1x24x2x56xf32>
// CHECK-NOT: vector.transpose
// CHECK-NOT: vector<{{[0-9x]*}}x24xf32> into
// CHECK: return
func.func @pointwise_rows(%x: tensor<1x32x2x56xf32>, %w: tensor<32x24xf32>, %b: tensor<24xf32>) -> tensor<1x24x2x56xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x24x56xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x24x56xf32>) -> tensor<1x2x24x56xf32>
  %sum = linalg.generic {indexing_maps = [#pw_w, #pw_in, #pw_acc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%w, %x : tensor<32x24xf32>, tensor<1x32x2x56xf32>) outs(%acc : tensor<1x2x24x56xf32>) {
  ^bb0(%a: f32, %v: f32, %o: f32):
    %p = arith.mulf %a, %v : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x2x24x56xf32>
  %out = tensor.empty() : tensor<1x24x2x56xf32>
  %r = linalg.generic {indexing_maps = [#pw_id, #pw_ch, #pw_nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sum, %b : tensor<1x2x24x56xf32>, tensor<24xf32>) outs(%out : tensor<1x24x2x56xf32>) {
  ^bb0(%s: f32, %bias: f32, %o: f32):
    %t = arith.addf %s, %bias : f32
    %m = arith.maximumf %t, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x24x2x56xf32>
  return %r : tensor<1x24x2x56xf32>
}

// -----

// An expanding 1x1 conv by rows (16 channels to 48 filters, like the
// expand convs before mobilenet_v2's depthwise convs): the filter tiles (24
// filters each) go outermost, on threads, so that each thread writes whole
// output planes, the channels a depthwise conv's thread then reads.
// CHECK-LABEL: func.func @pointwise_rows_expand
// CHECK: scf.for %{{.*}} = %c0 to %c48 step %c24
// CHECK: scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c48 step %c16
// CHECK: vector.contract {{.*}} : vector<4x24xf32>, vector<4x16xf32> into vector<24x16xf32>
// CHECK: vector.contract {{.*}} : vector<4x24xf32>, vector<4x8xf32> into vector<24x8xf32>
// CHECK: } {rectify.parallel}
// CHECK-NEXT: return
#pw_w = affine_map<(n, y, f, x, c) -> (c, f)>
#pw_in = affine_map<(n, y, f, x, c) -> (n, c, y, x)>
#pw_acc = affine_map<(n, y, f, x, c) -> (n, y, f, x)>
#pw_id = affine_map<(n, y, f, x) -> (n, y, f, x)>
#pw_ch = affine_map<(n, y, f, x) -> (f)>
#pw_nchw = affine_map<(n, y, f, x) -> (n, f, y, x)>
func.func @pointwise_rows_expand(%x: tensor<1x16x2x56xf32>, %w: tensor<16x48xf32>, %b: tensor<48xf32>) -> tensor<1x48x2x56xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x48x56xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<1x2x48x56xf32>) -> tensor<1x2x48x56xf32>
  %sum = linalg.generic {indexing_maps = [#pw_w, #pw_in, #pw_acc], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%w, %x : tensor<16x48xf32>, tensor<1x16x2x56xf32>) outs(%acc : tensor<1x2x48x56xf32>) {
  ^bb0(%a: f32, %v: f32, %o: f32):
    %p = arith.mulf %a, %v : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<1x2x48x56xf32>
  %out = tensor.empty() : tensor<1x48x2x56xf32>
  %r = linalg.generic {indexing_maps = [#pw_id, #pw_ch, #pw_nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sum, %b : tensor<1x2x48x56xf32>, tensor<48xf32>) outs(%out : tensor<1x48x2x56xf32>) {
  ^bb0(%s: f32, %bias: f32, %o: f32):
    %t = arith.addf %s, %bias : f32
    %m = arith.maximumf %t, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x48x2x56xf32>
  return %r : tensor<1x48x2x56xf32>
}

// -----

// Elementwise rows shorter than the tile: a 28-wide row takes two whole
// 16-lane registers under a mask (an odd-sized vector<28> would be assembled
// element by element); an 8-wide row is a whole ymm register, unmasked.
// CHECK-LABEL: func.func @short_rows
// CHECK: %[[M:.*]] = vector.constant_mask [1, 28] : vector<1x32xi1>
// CHECK: vector.mask %[[M]] { vector.transfer_read {{.*}} : tensor<3x28xf32>, vector<1x32xf32> }
// CHECK: arith.cmpf olt, {{.*}} : vector<1x32xf32>
// CHECK: vector.mask %[[M]] { vector.transfer_write
// CHECK: vector.transfer_read {{.*}} : tensor<3x8xf32>, vector<1x8xf32>
// CHECK-NOT: vector.mask
// CHECK: return
func.func @short_rows(%x: tensor<3x28xf32>, %y: tensor<3x8xf32>) -> (tensor<3x28xf32>, tensor<3x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x28xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<3x28xf32>) outs(%e : tensor<3x28xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<3x28xf32>
  %e8 = tensor.empty() : tensor<3x8xf32>
  %r8 = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>], iterator_types = ["parallel", "parallel"]} ins(%y : tensor<3x8xf32>) outs(%e8 : tensor<3x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.maximumf %a, %zero : f32
    linalg.yield %m : f32
  } -> tensor<3x8xf32>
  return %r, %r8 : tensor<3x28xf32>, tensor<3x8xf32>
}

// -----

// x[128, 4096] (2 MiB) outgrows half of L2 and the weight's column panels
// are outermost: the product is split along K into four 1024-deep products
// that accumulate into one buffer, the first from the zero fill, the last
// fused with the epilogue. (Packing the K blocks of a constant weight:
// Execution/PyTorch/deep-product.test.)
// CHECK-LABEL: func.func @deep_product
// CHECK: scf.for %{{.*}} = %c0 to %c1024 step %c4 iter_args(%{{.*}} = %cst) -> (vector<8x32xf32>)
// CHECK-COUNT-3: scf.for %{{.*}} = %c0 to %c1024 step %c4 iter_args(%{{.*}} = %{{[0-9]+}}) -> (vector<8x32xf32>)
// CHECK: arith.cmpf olt, {{.*}} : vector<8x32xf32>
// CHECK-NOT: scf.for %{{.*}} = %c0 to %c4096 step %c4
func.func @deep_product(%x: tensor<128x4096xf32>, %w: tensor<4096x128xf32>) -> tensor<128x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<128x128xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<128x128xf32>) -> tensor<128x128xf32>
  %mm = linalg.matmul ins(%x, %w : tensor<128x4096xf32>, tensor<4096x128xf32>) outs(%f : tensor<128x128xf32>) -> tensor<128x128xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (m, n)>], iterator_types = ["parallel", "parallel"]} ins(%mm : tensor<128x128xf32>) outs(%e : tensor<128x128xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.maximumf %a, %zero : f32
    linalg.yield %s : f32
  } -> tensor<128x128xf32>
  return %r : tensor<128x128xf32>
}
