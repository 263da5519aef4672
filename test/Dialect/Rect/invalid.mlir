// RUN: rectify-opt %s -split-input-file -verify-diagnostics

// Every verifier, type inference and attribute parser error of the rect
// dialect.

//===----------------------------------------------------------------------===//
// rect.constant
//===----------------------------------------------------------------------===//

func.func @constant_type_mismatch() -> tensor<3xf32> {
  // expected-error @+1 {{'rect.constant' op value type 'tensor<2xf32>' differs from result type 'tensor<3xf32>'}}
  %0 = "rect.constant"() <{value = dense<0.0> : tensor<2xf32>}> : () -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// rect.linear
//===----------------------------------------------------------------------===//

func.func @linear_weight_not_2d(%x: tensor<2x3xf32>, %w: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{weight must be 2-D [N, K], got [3]}}
  %0 = rect.linear %x, %w : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @linear_input_scalar(%x: tensor<f32>, %w: tensor<4x3xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{input must have rank >= 1}}
  %0 = rect.linear %x, %w : (tensor<f32>, tensor<4x3xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @linear_feature_mismatch(%x: tensor<2x5xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op input has 5 features but weight [4x3] expects 3}}
  %0 = rect.linear %x, %w : (tensor<2x5xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_weight_element_type(%x: tensor<2x3xf32>, %w: tensor<4x3xf16>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op weight element type 'f16' differs from input's 'f32'}}
  %0 = rect.linear %x, %w : (tensor<2x3xf32>, tensor<4x3xf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_wrong_result(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x5xf32> {
  // expected-error @+2 {{'rect.linear' op inferred type(s) 'tensor<2x4xf32>' are incompatible with return type(s) of operation 'tensor<2x5xf32>'}}
  // expected-error @+1 {{'rect.linear' op failed to infer returned types}}
  %0 = rect.linear %x, %w : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @linear_bias_shape(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op bias must be a scalar, [1] or [4], got [2x4]}}
  %0 = rect.linear %x, %w bias(%b) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_bias_length(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op bias must be a scalar, [1] or [4], got [3]}}
  %0 = rect.linear %x, %w bias(%b) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_bias_element_type(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %b: tensor<4xf16>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op bias element type 'f16' differs from input's 'f32'}}
  %0 = rect.linear %x, %w bias(%b) : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf16>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_prelu_without_slope(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op prelu activation needs a slope operand}}
  %0 = rect.linear %x, %w {activation = #rect.act<prelu>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_slope_without_prelu(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %s: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op slope operand given but the activation is relu}}
  %0 = rect.linear %x, %w slope(%s) {activation = #rect.act<relu>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @linear_slope_shape(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>, %s: tensor<2xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op slope must be a scalar, [1] or [4], got [2]}}
  %0 = rect.linear %x, %w slope(%s) {activation = #rect.act<prelu>} : (tensor<2x3xf32>, tensor<4x3xf32>, tensor<2xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// rect.prelu
//===----------------------------------------------------------------------===//

func.func @prelu_slope_broadcast(%x: tensor<2x4xf32>, %s: tensor<3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.prelu' op slope of shape [3] does not broadcast onto input of shape [2x4]}}
  %0 = rect.prelu %x, %s : tensor<2x4xf32>, tensor<3xf32> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @prelu_slope_widens(%x: tensor<4xf32>, %s: tensor<2x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'rect.prelu' op slope of shape [2x4] does not broadcast onto input of shape [4]}}
  %0 = rect.prelu %x, %s : tensor<4xf32>, tensor<2x4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @prelu_element_types(%x: tensor<2x4xf32>, %s: tensor<4xf16>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.prelu' op slope element type 'f16' differs from input's 'f32'}}
  %0 = rect.prelu %x, %s : tensor<2x4xf32>, tensor<4xf16> -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @prelu_result_type(%x: tensor<2x4xf32>, %s: tensor<4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'rect.prelu' op result type 'tensor<4x4xf32>' must equal the input type 'tensor<2x4xf32>'}}
  %0 = rect.prelu %x, %s : tensor<2x4xf32>, tensor<4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Unary activations
//===----------------------------------------------------------------------===//

func.func @clip_min_above_max(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'rect.clip' op min (6.000000e+00) must not exceed max (0.000000e+00)}}
  %0 = rect.clip %x {min = 6.0 : f32, max = 0.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @clip_nan_bound(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'rect.clip' op bounds must not be NaN}}
  %0 = rect.clip %x {min = 0x7FC00000 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @gelu_approximate(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'rect.gelu' op approximate must be "none" or "tanh", got "erf"}}
  %0 = rect.gelu %x {approximate = "erf"} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @unary_type_change(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+1 {{'rect.relu' op requires the same type for all operands and results}}
  %0 = "rect.relu"(%x) : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @unary_integer(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{'rect.relu' op operand #0 must be ranked tensor of floating-point values}}
  %0 = rect.relu %x : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

//===----------------------------------------------------------------------===//
// Broadcasting binary ops and matmul
//===----------------------------------------------------------------------===//

func.func @add_shapes_do_not_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'rect.add' op shapes [2x3] and [4] do not broadcast}}
  // expected-error @+1 {{'rect.add' op failed to infer returned types}}
  %0 = rect.add %a, %b : tensor<2x3xf32>, tensor<4xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @mul_element_types(%a: tensor<3xf32>, %b: tensor<3xf16>) -> tensor<3xf32> {
  // expected-error @+2 {{'rect.mul' op operand element types differ: 'f32' vs 'f16'}}
  // expected-error @+1 {{'rect.mul' op failed to infer returned types}}
  %0 = rect.mul %a, %b : tensor<3xf32>, tensor<3xf16> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @max_wrong_result(%a: tensor<?x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'rect.max' op inferred type(s) 'tensor<?x3xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'rect.max' op failed to infer returned types}}
  %0 = rect.max %a, %b : tensor<?x3xf32>, tensor<3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @matmul_contracting(%a: tensor<?x4xf32>, %b: tensor<5x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+2 {{'rect.matmul' op contracting dimensions differ: lhs [?x4] rhs [5x3]}}
  // expected-error @+1 {{'rect.matmul' op failed to infer returned types}}
  %0 = rect.matmul %a, %b : tensor<?x4xf32>, tensor<5x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x3x4xf32>, %b: tensor<5x4x6xf32>) -> tensor<2x3x6xf32> {
  // expected-error @+2 {{'rect.matmul' op batch dimensions do not broadcast: lhs [2x3x4] rhs [5x4x6]}}
  // expected-error @+1 {{'rect.matmul' op failed to infer returned types}}
  %0 = rect.matmul %a, %b : tensor<2x3x4xf32>, tensor<5x4x6xf32> -> tensor<2x3x6xf32>
  return %0 : tensor<2x3x6xf32>
}

// -----

func.func @matmul_element_types(%a: tensor<2x4xf32>, %b: tensor<4x3xf16>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'rect.matmul' op operand element types differ: 'f32' vs 'f16'}}
  // expected-error @+1 {{'rect.matmul' op failed to infer returned types}}
  %0 = rect.matmul %a, %b : tensor<2x4xf32>, tensor<4x3xf16> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<4x3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{'rect.matmul' op operands must have rank >= 1}}
  // expected-error @+1 {{'rect.matmul' op failed to infer returned types}}
  %0 = rect.matmul %a, %b : tensor<f32>, tensor<4x3xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

func.func @reshape_element_count(%x: tensor<2x3xf32>) -> tensor<7xf32> {
  // expected-error @+1 {{'rect.reshape' op element count changes from 6 to 7}}
  %0 = rect.reshape %x : tensor<2x3xf32> -> tensor<7xf32>
  return %0 : tensor<7xf32>
}

// -----

func.func @reshape_dynamic_one_side(%x: tensor<?x3xf32>) -> tensor<6xf32> {
  // expected-error @+1 {{'rect.reshape' op a dynamic dimension must exist on both sides or on neither: 'tensor<?x3xf32>' -> 'tensor<6xf32>'}}
  %0 = rect.reshape %x : tensor<?x3xf32> -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @reshape_two_dynamic(%x: tensor<?x?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'rect.reshape' op at most one dynamic dimension per side is supported}}
  %0 = rect.reshape %x : tensor<?x?xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reshape_element_type(%x: tensor<2x3xf32>) -> tensor<6xf16> {
  // expected-error @+1 {{'rect.reshape' op element type must not change}}
  %0 = rect.reshape %x : tensor<2x3xf32> -> tensor<6xf16>
  return %0 : tensor<6xf16>
}

// -----

func.func @flatten_axis(%x: tensor<2x3xf32>) -> tensor<6x1xf32> {
  // expected-error @+2 {{'rect.flatten' op axis 3 is out of range for rank 2}}
  // expected-error @+1 {{'rect.flatten' op failed to infer returned types}}
  %0 = rect.flatten %x {axis = 3 : i64} : tensor<2x3xf32> -> tensor<6x1xf32>
  return %0 : tensor<6x1xf32>
}

// -----

func.func @transpose_length(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'rect.transpose' op permutation has 3 entries but the input has rank 2}}
  // expected-error @+1 {{'rect.transpose' op failed to infer returned types}}
  %0 = rect.transpose %x {permutation = array<i64: 1, 0, 2>} : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_not_a_permutation(%x: tensor<2x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{'rect.transpose' op permutation [1, 1] is not a permutation of [0, 2)}}
  // expected-error @+1 {{'rect.transpose' op failed to infer returned types}}
  %0 = rect.transpose %x {permutation = array<i64: 1, 1>} : tensor<2x3xf32> -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @softmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'rect.softmax' op axis 2 is out of range for rank 2}}
  %0 = rect.softmax %x {axis = 2 : i64} : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

//===----------------------------------------------------------------------===//
// #rect.act
//===----------------------------------------------------------------------===//

func.func @act_unknown_kind(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{unknown activation 'swish'}}
  %0 = rect.linear %x, %w {activation = #rect.act<swish>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @act_unknown_parameter(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{activation 'leaky_relu' has no parameter 'beta' (expected 'alpha')}}
  %0 = rect.linear %x, %w {activation = #rect.act<leaky_relu beta = 0.1>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @act_parameter_twice(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{parameter 'min' given twice}}
  %0 = rect.linear %x, %w {activation = #rect.act<clip min = 0.0, min = 1.0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @act_no_parameters(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{activation 'relu' takes no parameters}}
  %0 = rect.linear %x, %w {activation = #rect.act<relu alpha = 1.0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @act_clip_min_above_max(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{clip activation needs min <= max, got min = 6.000000e+00, max = 0.000000e+00}}
  %0 = rect.linear %x, %w {activation = #rect.act<clip min = 6.0, max = 0.0>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}


// -----

func.func @act_parameter_not_finite(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{leaky_relu activation parameters must be finite}}
  %0 = rect.linear %x, %w {activation = #rect.act<leaky_relu alpha = 0x7FF0000000000000>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @act_not_an_activation(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'rect.linear' op attribute 'activation' failed to satisfy constraint}}
  %0 = rect.linear %x, %w {activation = 1 : i32} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
