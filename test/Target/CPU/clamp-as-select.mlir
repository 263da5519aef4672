// RUN: rectify-opt %s -rectify-cpu-tile-and-vectorize | FileCheck %s

// A vector clamp by a splat constant (ReLU, ReLU6) becomes compare + select
// in the operand order x86 matches to one vmaxps / vminps, which returns x
// when x is NaN; LLVM's maximumf/minimumf would add a compare and a blend.
// CHECK-LABEL: func.func @relu6
// CHECK-DAG: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK-DAG: %[[SIX:.*]] = arith.constant dense<6.000000e+00> : vector<16xf32>
// CHECK: %[[LT:.*]] = arith.cmpf olt, %arg0, %[[ZERO]] : vector<16xf32>
// CHECK: %[[MAX:.*]] = arith.select %[[LT]], %[[ZERO]], %arg0
// CHECK: %[[GT:.*]] = arith.cmpf ogt, %[[MAX]], %[[SIX]] : vector<16xf32>
// CHECK: %[[MIN:.*]] = arith.select %[[GT]], %[[SIX]], %[[MAX]]
// CHECK: return %[[MIN]]
func.func @relu6(%x: vector<16xf32>) -> vector<16xf32> {
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %six = arith.constant dense<6.0> : vector<16xf32>
  %m = arith.maximumf %x, %zero : vector<16xf32>
  %r = arith.minimumf %six, %m : vector<16xf32>
  return %r : vector<16xf32>
}

// A NaN bound, a chain holding it, and scalars are left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK: %[[A:.*]] = arith.maximumf %arg0, %{{.*}} : vector<16xf32>
// CHECK: arith.maximumf %[[A]], %arg1 : vector<16xf32>
// CHECK: arith.maximumf %arg2, %{{.*}} : f32
// CHECK: arith.maximumf %arg2, %arg3 : f32
// CHECK-NOT: arith.select
func.func @left_alone(%x: vector<16xf32>, %y: vector<16xf32>, %s: f32, %t: f32) -> (vector<16xf32>, f32, f32) {
  %nan = arith.constant dense<0x7FC00000> : vector<16xf32>
  %zero = arith.constant 0.0 : f32
  %a = arith.maximumf %x, %nan : vector<16xf32>
  %b = arith.maximumf %a, %y : vector<16xf32>
  %c = arith.maximumf %s, %zero : f32
  %d = arith.maximumf %s, %t : f32
  return %b, %c, %d : vector<16xf32>, f32, f32
}

// A chain of maximumf over vectors (a pooling window) becomes one
// compare + select per tap (vmaxps on x86) and one unordered compare per
// pair of taps, so that a NaN anywhere in the window still gives NaN.
// CHECK-LABEL: func.func @max_chain
// CHECK-DAG: %[[NAN:.*]] = arith.constant dense<0x7FC00000> : vector<16xf32>
// CHECK: %[[GT1:.*]] = arith.cmpf ogt, %arg1, %arg0 : vector<16xf32>
// CHECK: %[[M1:.*]] = arith.select %[[GT1]], %arg1, %arg0
// CHECK: %[[GT2:.*]] = arith.cmpf ogt, %arg2, %[[M1]] : vector<16xf32>
// CHECK: %[[M2:.*]] = arith.select %[[GT2]], %arg2, %[[M1]]
// CHECK: %[[U1:.*]] = arith.cmpf uno, %arg0, %arg1 : vector<16xf32>
// CHECK: %[[U2:.*]] = arith.cmpf uno, %arg2, %arg2 : vector<16xf32>
// CHECK: %[[ANY:.*]] = arith.ori %[[U1]], %[[U2]]
// CHECK: %[[R:.*]] = arith.select %[[ANY]], %[[NAN]], %[[M2]]
// CHECK-NOT: arith.maximumf
// CHECK: return %[[R]]
func.func @max_chain(%a: vector<16xf32>, %b: vector<16xf32>, %c: vector<16xf32>) -> vector<16xf32> {
  %ab = arith.maximumf %a, %b : vector<16xf32>
  %abc = arith.maximumf %ab, %c : vector<16xf32>
  return %abc : vector<16xf32>
}

// minimumf pairs take vminps; an inner link with a second use is a leaf of
// its own chain.
// CHECK-LABEL: func.func @min_shared_link
// CHECK: %[[LT1:.*]] = arith.cmpf olt, %arg1, %arg0 : vector<8xf32>
// CHECK: %[[S1:.*]] = arith.select %[[LT1]], %arg1, %arg0
// CHECK: %[[U1:.*]] = arith.cmpf uno, %arg0, %arg1
// CHECK: %[[AB:.*]] = arith.select %[[U1]], %{{.*}}, %[[S1]]
// CHECK: %[[LT2:.*]] = arith.cmpf olt, %arg2, %[[AB]] : vector<8xf32>
// CHECK-NOT: arith.minimumf
// CHECK: return
func.func @min_shared_link(%a: vector<8xf32>, %b: vector<8xf32>, %c: vector<8xf32>) -> (vector<8xf32>, vector<8xf32>) {
  %ab = arith.minimumf %a, %b : vector<8xf32>
  %abc = arith.minimumf %ab, %c : vector<8xf32>
  return %ab, %abc : vector<8xf32>, vector<8xf32>
}
