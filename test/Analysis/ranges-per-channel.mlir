// RUN: rectify-opt %s -split-input-file -verify-diagnostics -rect-print-ranges="input-ranges=x=0:1,-1:0,2:3" -o /dev/null

// One interval per index of dimension 1 (channel/feature after the batch).
func.func @per_channel(%x: tensor<?x3xf32> {rect.name = "x"}) -> tensor<?x3xf32> {
  // expected-remark @below {{range [0, 3] per 1x3: [0, 1] [0, 0] [2, 3]}}
  %0 = rect.relu %x : tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// The module attribute seeds too; the option wins for names it declares.
module attributes {rect.input_ranges = {y = "-5:-4"}} {
  func.func @from_module(%y: tensor<2xf32> {rect.name = "y"}) -> tensor<2xf32> {
    // expected-remark @below {{range [0, 0]}}
    %0 = rect.relu %y : tensor<2xf32>
    return %0 : tensor<2xf32>
  }
}

// -----

// expected-error @below {{input range of 'x' has 3 channel intervals, but its dimension 1 has extent 4}}
func.func @wrong_channels(%x: tensor<?x4xf32> {rect.name = "x"}) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
