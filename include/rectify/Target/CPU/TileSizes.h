//===- TileSizes.h - Register and cache tiles of a matmul --------*- C++ -*-===//
#ifndef RECTIFY_TARGET_CPU_TILESIZES_H
#define RECTIFY_TARGET_CPU_TILESIZES_H

#include <cstdint>

namespace rectify::cpu {

/// Bytes of weight a product keeps in L2 (1 MiB of the 2 MiB per core);
/// larger weights are streamed from memory on every run.
constexpr int64_t kL2BudgetBytes = 1 << 20;

/// Bytes per cache line: the unit the prefetch passes fetch.
constexpr int64_t kCacheLineBytes = 64;

/// How one x·W matmul (W: [K, N]) is tiled for a CPU.
struct MatmulTiles {
  int64_t m;  ///< rows of the register tile
  int64_t n;  ///< columns of the register tile (a multiple of the lanes)
  int64_t k;  ///< K unroll: FMAs per accumulator between loads of x
  /// Column tiles outermost: each K x n panel of W is reused by every row tile
  /// while it is in L2, instead of streaming all of W once per row tile.
  bool columnsOuter;
};

/// The cost model (documented in TileSizes.cpp).
MatmulTiles chooseMatmulTiles(int64_t k, int64_t n, int64_t vectorBits);

/// Lanes of a convolution's register tile along a dim of `extent`, given
/// the cost model's `lanes`: with the output pixels in the lanes
/// (`pixelLanes`, a 1x1 conv by rows), half as many when that leaves a
/// remainder of at most half a tile and `lanes` would not.
int64_t chooseWindowLaneTile(int64_t extent, int64_t lanes, bool pixelLanes);

/// Rows of a convolution's register tile (output columns along a row of
/// `width`), at most `maxRows`: a divisor of the width when one is at least
/// half of `maxRows` (14 -> 7), else `maxRows` and an exact remainder.
int64_t chooseWindowRowTile(int64_t width, int64_t maxRows);

/// Whether a convolution with the filters in the lanes, whose row tile
/// (chooseWindowRowTile) along output rows of `width` came out at `rows`,
/// should take a register tile of 4 rows by 4 vectors of its `filters`
/// instead of `rows` by 2 vectors.
bool prefersWideFilterTile(int64_t width, int64_t rows, int64_t filters,
                           int64_t vectorBits);

/// Whether a 1x1 conv by rows (output pixels in the lanes) should iterate
/// its pixel tiles outside its filter tiles, given the row `width` and the
/// lanes of its register tile.
bool prefersPixelTilesOuter(int64_t width, int64_t laneTile);

/// Filters of a 1x1 conv's register tile when the output pixels fill the
/// lanes (`laneTile` of them): as many as the register file holds with one
/// accumulator per filter and vector, a multiple of 4 dividing `filters`,
/// and at least `minFilters` (the cost model's rows).
int64_t choosePixelLaneFilterTile(int64_t filters, int64_t laneTile,
                                  int64_t minFilters, int64_t vectorBits);

/// Whether a 1x1 conv by rows (output pixels in the lanes) with `filters`
/// outputs and `channels` inputs should put its filter tiles outermost, and
/// so on threads, rather than its output rows.
bool prefersFilterTilesOnThreads(int64_t filters, int64_t channels);

/// Whether a convolution read in place (filters in the lanes) should put
/// its filter tiles outermost, on threads, rather than its output rows,
/// given the elements of its weight and input and its output rows.
bool prefersFilterThreads(int64_t weightElements, int64_t inputElements,
                          int64_t outputRows);

} // namespace rectify::cpu

#endif // RECTIFY_TARGET_CPU_TILESIZES_H
