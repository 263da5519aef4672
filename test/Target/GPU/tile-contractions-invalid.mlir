// RUN: rectify-opt %s --rectify-gpu-tile-contractions="tile-x=32 tile-y=32 tile-k=1" --verify-diagnostics
// RUN: not rectify-opt %s --rectify-gpu-tile-contractions="tile-x=30 regs-x=4" 2>&1 | FileCheck %s

// A K slice of 1 x 32 elements cannot be staged by 128 threads evenly; a
// 30-wide tile is no multiple of 4-wide register tiles.
// CHECK: tile sizes must be positive, the tiles multiples of the register tiles, and each K slice a multiple of the 56 threads
// expected-error @below {{tile sizes must be positive, the tiles multiples of the register tiles, and each K slice a multiple of the 128 threads}}
func.func @f() {
  return
}
