// RUN: rectify-opt %s --rectify-gpu-approximate-erf | FileCheck %s

// math.erf becomes arithmetic; other math ops stay.
// CHECK-LABEL: func.func @gelu_part(
// CHECK-NOT: math.erf
// CHECK: arith.select
// CHECK: math.fma
// CHECK: math.exp %
func.func @gelu_part(%x: f32) -> (f32, f32) {
  %e = math.erf %x : f32
  %x2 = math.exp %x : f32
  return %e, %x2 : f32, f32
}
