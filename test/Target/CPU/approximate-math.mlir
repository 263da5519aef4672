// RUN: rectify-opt %s -rectify-cpu-approximate-math | FileCheck %s

// f32 vector exp, tanh and erf become polynomial approximations (vector
// arithmetic); LLVM would otherwise call libm once per lane.
// CHECK-LABEL: func.func @vector_functions
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: return
func.func @vector_functions(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %e = math.exp %x : vector<16xf32>
  %t = math.tanh %x : vector<16xf32>
  %r = math.erf %x : vector<16xf32>
  return %e, %t, %r : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// Scalars keep their exact libm calls; f64 vectors and functions outside the
// list are left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK: math.exp %{{.*}} : f32
// CHECK: math.exp %{{.*}} : vector<4xf64>
// CHECK: math.sqrt %{{.*}} : vector<16xf32>
func.func @left_alone(%s: f32, %d: vector<4xf64>, %v: vector<16xf32>) -> (f32, vector<4xf64>, vector<16xf32>) {
  %a = math.exp %s : f32
  %b = math.exp %d : vector<4xf64>
  %c = math.sqrt %v : vector<16xf32>
  return %a, %b, %c : f32, vector<4xf64>, vector<16xf32>
}
