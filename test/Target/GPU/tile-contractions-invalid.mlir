// RUN: rectify-opt %s --rectify-gpu-tile-contractions="tile-x=32 tile-y=32 tile-k=1" --verify-diagnostics
// RUN: not rectify-opt %s --rectify-gpu-tile-contractions="tile-x=30 regs-x=4" 2>&1 | FileCheck %s
// RUN: not rectify-opt %s --rectify-gpu-tile-contractions="mma=fp16" 2>&1 | FileCheck %s --check-prefix=MMA-KIND
// RUN: not rectify-opt %s --rectify-gpu-tile-contractions="mma=tf32 tile-x=64 regs-x=4" 2>&1 | FileCheck %s --check-prefix=MMA-TILE

// A K slice of 1 x 32 elements cannot be staged by 128 threads evenly; a
// 30-wide tile is no multiple of 4-wide register tiles.
// MMA-KIND: mma must be none, tf32 or tf32x3, not 'fp16'
// MMA-TILE: mma=tf32 needs 32x32 tiles of 128 threads and tile-k a multiple of 8
// CHECK: tile sizes must be positive, the tiles multiples of the register tiles, and each K slice a multiple of the 56 threads
// expected-error @below {{tile sizes must be positive, the tiles multiples of the register tiles, and each K slice a multiple of the 128 threads}}
func.func @f() {
  return
}
