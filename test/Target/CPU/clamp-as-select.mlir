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

// A NaN bound, a bound that is not a constant, and scalars are left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK: arith.maximumf %arg0, %{{.*}} : vector<16xf32>
// CHECK: arith.maximumf %{{.*}}, %arg1 : vector<16xf32>
// CHECK: arith.maximumf %arg2, %{{.*}} : f32
// CHECK-NOT: arith.select
func.func @left_alone(%x: vector<16xf32>, %y: vector<16xf32>, %s: f32) -> (vector<16xf32>, vector<16xf32>, f32) {
  %nan = arith.constant dense<0x7FC00000> : vector<16xf32>
  %zero = arith.constant 0.0 : f32
  %a = arith.maximumf %x, %nan : vector<16xf32>
  %b = arith.maximumf %a, %y : vector<16xf32>
  %c = arith.maximumf %s, %zero : f32
  return %a, %b, %c : vector<16xf32>, vector<16xf32>, f32
}
