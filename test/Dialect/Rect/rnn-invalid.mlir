// RUN: rectify-opt %s -split-input-file -verify-diagnostics

// Verifier and type inference errors of rect.rnn.

func.func @input_not_3d(%x: tensor<5x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{'rect.rnn' op input must be 3-D [T, B, I], got [5x3]}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @weight_not_3d(%x: tensor<5x2x3xf32>, %w: tensor<4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{'rect.rnn' op weight must be 3-D [D, H, I], got [4x3]}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @weight_features(%x: tensor<5x2x3xf32>, %w: tensor<1x4x7xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{weight must be [D, H, I] = [1x4x3], got [1x4x7]}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x7xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @weight_directions(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<2x4x4xf32>) {
  // expected-error @+1 {{weight must be [D, H, I] = [2x4x3], got [1x4x3]}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<bidirectional>, activations = [#rect.act<tanh>, #rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<2x4x4xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @recurrence_shape(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x3xf32>) {
  // expected-error @+1 {{recurrence must be [D, H, H] = [1x4x4], got [1x4x3]}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x3xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @bias_shape(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %b: tensor<1x4xf32>) {
  // expected-error @+1 {{bias must be [D, 2H] = [1x8], got [1x4]}}
  %y, %h = rect.rnn %x, %w, %r bias(%b) {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @initial_h_batch(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %h0: tensor<1x3x4xf32>) {
  // expected-error @+1 {{initial_h must be [D, B, H] = [1x2x4], got [1x3x4]}}
  %y, %h = rect.rnn %x, %w, %r initial_h(%h0) {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<1x3x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @element_types(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf16>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{operand element types differ: 'tensor<1x4x3xf16>' vs input's 'f32'}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf16>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @activation_count(%x: tensor<5x2x3xf32>, %w: tensor<2x4x3xf32>, %r: tensor<2x4x4xf32>) {
  // expected-error @+1 {{needs one activation per direction (2), got 1}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<bidirectional>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<2x4x3xf32>, tensor<2x4x4xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>)
  return
}

// -----

func.func @prelu_activation(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{prelu activation is not supported (no slope operand)}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<prelu>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @clip_not_positive(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+1 {{clip must be positive, got 0.000000e+00}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>], clip = 0.0 : f32}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @result_type(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+2 {{'rect.rnn' op inferred type(s) 'tensor<5x1x2x4xf32>', 'tensor<1x2x4xf32>' are incompatible with return type(s) of operation 'tensor<5x2x4xf32>', 'tensor<1x2x4xf32>'}}
  // expected-error @+1 {{'rect.rnn' op failed to infer returned types}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<forward>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return
}

// -----

func.func @bad_direction(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) {
  // expected-error @+2 {{expected ::rectify::rect::RecurrentDirection to be one of: forward, reverse, bidirectional}}
  // expected-error @+1 {{failed to parse Rect_RecurrentDirectionAttr parameter 'value'}}
  %y, %h = rect.rnn %x, %w, %r {direction = #rect.direction<sideways>, activations = [#rect.act<tanh>]}
      : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return
}
