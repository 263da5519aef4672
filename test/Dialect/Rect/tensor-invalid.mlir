// RUN: rectify-opt %s -split-input-file -verify-diagnostics

// Verifier and type inference errors of the tensor-manipulation, reduction
// and normalization ops.

func.func @concat_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'rect.concat' op axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'rect.concat' op failed to infer returned types}}
  %0 = rect.concat %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @concat_shapes(%x: tensor<2x3xf32>, %y: tensor<4x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{'rect.concat' op input shapes [2x3] and [4x3] differ outside axis 1}}
  // expected-error @+1 {{'rect.concat' op failed to infer returned types}}
  %0 = rect.concat %x, %y {axis = 1 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @slice_out_of_bounds(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{'rect.slice' op dim 0 slice (offset 2, size 3, stride 1) leaves [0, 4)}}
  // expected-error @+1 {{'rect.slice' op failed to infer returned types}}
  %0 = rect.slice %x {offsets = array<i64: 2>, sizes = array<i64: 3>, strides = array<i64: 1>} : tensor<4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @slice_dynamic(%x: tensor<?xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{'rect.slice' op dynamic dim 0 can only be taken whole}}
  // expected-error @+1 {{'rect.slice' op failed to infer returned types}}
  %0 = rect.slice %x {offsets = array<i64: 0>, sizes = array<i64: 2>, strides = array<i64: 1>} : tensor<?xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @slice_zero_stride(%x: tensor<4xf32>) -> tensor<1xf32> {
  // expected-error @+2 {{'rect.slice' op stride of dim 0 is 0}}
  // expected-error @+1 {{'rect.slice' op failed to infer returned types}}
  %0 = rect.slice %x {offsets = array<i64: 0>, sizes = array<i64: 1>, strides = array<i64: 0>} : tensor<4xf32> -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @pad_mode(%x: tensor<4xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'rect.pad' op mode must be "constant", "reflect" or "edge", got "wrap"}}
  %0 = rect.pad %x {pads = array<i64: 1, 1>, mode = "wrap"} : tensor<4xf32> -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @pad_reflect_too_wide(%x: tensor<2xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'rect.pad' op reflect pads of dim 0 must be smaller than its size 2}}
  %0 = rect.pad %x {pads = array<i64: 2, 2>, mode = "reflect"} : tensor<2xf32> -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @pad_negative(%x: tensor<4xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{'rect.pad' op pads [-1, 0] must not be negative}}
  // expected-error @+1 {{'rect.pad' op failed to infer returned types}}
  %0 = rect.pad %x {pads = array<i64: -1, 0>} : tensor<4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @gather_dynamic_axis(%x: tensor<?x4xf32>, %i: tensor<2xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{'rect.gather' op cannot gather along dynamic dim 0}}
  // expected-error @+1 {{'rect.gather' op failed to infer returned types}}
  %0 = rect.gather %x, %i {axis = 0 : i64} : tensor<?x4xf32>, tensor<2xi64> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @expand_not_broadcastable(%x: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.expand' op input of shape [3] does not broadcast to [2x4]}}
  %0 = rect.expand %x : tensor<3xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @expand_dynamic_from_nothing(%x: tensor<1x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{'rect.expand' op dynamic result dim 0 has no dynamic input dim to take its size from}}
  %0 = rect.expand %x : tensor<1x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @tile_dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+2 {{'rect.tile' op a dynamic dim can only be repeated once}}
  // expected-error @+1 {{'rect.tile' op failed to infer returned types}}
  %0 = rect.tile %x {repeats = array<i64: 2, 1>} : tensor<?x4xf32> -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}

// -----

func.func @where_shapes(%c: tensor<3xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'rect.where' op shapes [3], [4] and [4] do not broadcast}}
  // expected-error @+1 {{'rect.where' op failed to infer returned types}}
  %0 = rect.where %c, %x, %y : tensor<3xi1>, tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @reduce_unsorted(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  // expected-error @+2 {{'rect.reduce_sum' op axes [1, 0] must be sorted and unique}}
  // expected-error @+1 {{'rect.reduce_sum' op failed to infer returned types}}
  %0 = rect.reduce_sum %x {axes = array<i64: 1, 0>} : tensor<2x3xf32> -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

func.func @reduce_axis_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'rect.reduce_max' op axes [2] must be in [0, rank 2)}}
  // expected-error @+1 {{'rect.reduce_max' op failed to infer returned types}}
  %0 = rect.reduce_max %x {axes = array<i64: 2>} : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @layer_norm_scale(%x: tensor<2x8xf32>, %s: tensor<4xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'rect.layer_norm' op scale of shape [4] does not broadcast onto the normalized dims [8]}}
  %0 = rect.layer_norm %x, %s : (tensor<2x8xf32>, tensor<4xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @layer_norm_dynamic(%x: tensor<2x?xf32>, %s: tensor<1xf32>) -> tensor<2x?xf32> {
  // expected-error @+1 {{'rect.layer_norm' op normalized dims [?] must be static}}
  %0 = rect.layer_norm %x, %s : (tensor<2x?xf32>, tensor<1xf32>) -> tensor<2x?xf32>
  return %0 : tensor<2x?xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'rect.log_softmax' op axis 2 is out of range for rank 2}}
  %0 = rect.log_softmax %x {axis = 2 : i64} : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}
