// RUN: rectify-opt %s --rectify-gpu-kernels --rectify-gpu-cuda-codegen | FileCheck %s
// RUN: rectify-opt %s --rectify-gpu-kernels --rectify-gpu-cuda-codegen=chip=sm_90 | FileCheck %s --check-prefix=SM90

// The kernels' module becomes a gpu.binary holding PTX for the chip, one
// .entry per kernel, the batch bounds check as a predicated branch.
// CHECK: gpu.launch_func @rectify_kernels::@relu_kernel
// CHECK: gpu.binary @rectify_kernels [#gpu.object<#nvvm.target<O = 3, chip = "sm_80">, {{.*}}assembly = "
// CHECK-SAME: .target sm_80
// CHECK-SAME: .visible .entry relu_kernel(
// CHECK-SAME: setp.
// CHECK-SAME: max.NaN.f32
// SM90: .target sm_90
func.func @relu(%x: tensor<?x16xf32>) -> tensor<?x16xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x16xf32>
  %e = tensor.empty(%n) : tensor<?x16xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<?x16xf32>) outs(%e : tensor<?x16xf32>) {
  ^bb0(%v: f32, %out: f32):
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x16xf32>
  return %y : tensor<?x16xf32>
}
