//===- TileSizes.cpp - Register and cache tiles of a matmul ---------------===//
//
// The cost model, small on purpose:
//
// * Register tile m x n with n = two vectors: per K step it loads 2 vectors
//   of W, broadcasts m values of x and issues 2m FMAs into 2m accumulators.
//   The accumulators, the two W vectors and one broadcast must fit the
//   register file (32 zmm with AVX-512, 16 ymm with AVX2): 2m + 3 <= regs.
//   With 32 registers m = 8 (16 accumulators; 8 x 64 and 16 x 16 measured
//   slower on this machine, see ../shared/notes); with 16, m = 6.
// * k = 4: K unrolled by 4 hides the broadcast latency; 2 and 8 were slower.
// * Column tiles go outermost once W outgrows L2 (1 MiB of the 2 MiB per
//   core): a K x n panel then stays in L2 across all row tiles, and only x,
//   much smaller for the batches these models run, is streamed again. The
//   same holds when N is dynamic: a convolution lowered to a GEMM has
//   N = batch * OH * OW columns.
// * A 1x1 conv with the pixels in the lanes takes as many filters as the
//   registers hold (choosePixelLaneFilterTile).
// * A convolution with the filters in the lanes takes 4 rows x 4 vectors
//   when its rows are at least 28 wide but no divisor gives 8-row tiles
//   (prefersWideFilterTile).
// * An expanding 1x1 conv by rows puts its filter tiles on threads
//   (prefersFilterTilesOnThreads).
// * A 1x1 conv by rows iterates its pixel tiles outside its filter tiles
//   when a row has at most 4 of them (prefersPixelTilesOuter).
// * A convolution read in place splits its output rows between threads,
//   or its filter tiles when the weight dominates (prefersFilterThreads).
//
//===----------------------------------------------------------------------===//

#include "rectify/Target/CPU/TileSizes.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>

using mlir::ShapedType;

using namespace rectify::cpu;

MatmulTiles rectify::cpu::chooseMatmulTiles(int64_t k, int64_t n,
                                            int64_t vectorBits) {
  int64_t lanes = vectorBits / 32;
  int64_t registers = vectorBits >= 512 ? 32 : 16;
  MatmulTiles tiles;
  tiles.n = 2 * lanes;
  tiles.m = 8;
  while (tiles.m > 1 && 2 * tiles.m + 3 > registers)
    tiles.m -= 2;
  tiles.k = 4;
  // A dynamic N is a convolution's batch of pixels (its columns matrix
  // grows with the batch): columns outermost as well.
  tiles.columnsOuter =
      k > 0 && (n == ShapedType::kDynamic || k * n * 4 > kL2BudgetBytes);
  return tiles;
}

int64_t rectify::cpu::chooseWindowLaneTile(int64_t extent, int64_t lanes,
                                           bool pixelLanes) {
  // A remainder of more than half a tile would be a vector of an odd size
  // (24 lanes: LLVM assembles it element by element, 3x slower) or masked;
  // output rows of pixels take half tiles instead when that leaves at most
  // half of one (56 = 3 x 16 + 8).
  if (!pixelLanes || ShapedType::isDynamic(extent) || extent % lanes == 0 ||
      2 * (extent % lanes) <= lanes)
    return lanes;
  int64_t half = lanes / 2;
  return 2 * (extent % half) <= half ? half : lanes;
}

int64_t rectify::cpu::chooseWindowRowTile(int64_t width, int64_t maxRows) {
  if (ShapedType::isDynamic(width) || maxRows <= 1)
    return maxRows;
  if (width <= maxRows)
    return width;
  // A divisor of the width when one is at least half of maxRows; otherwise
  // full tiles and a remainder, whose rows are exact vectors: 13 = 8 + 5
  // (6 + 6 + 1 left a single row with a quarter of the tile's reuse), and
  // 27 = 3 x 8 + 3 (3 x 7 + 6 measured slower).
  for (int64_t rows = maxRows; 2 * rows >= maxRows; --rows)
    if (width % rows == 0)
      return rows;
  return maxRows;
}

bool rectify::cpu::prefersWideFilterTile(int64_t width, int64_t rows,
                                         int64_t filters,
                                         int64_t vectorBits) {
  // 4 x 4 vectors: 16 accumulators, and 4 weight loads and 4 broadcasts per
  // 16 FMAs. It needs 21 registers (AVX-512 only) and whole filter tiles.
  // Rows of 28 or more pixels whose divisor tile is short (28 = 4 x 7, 55
  // = 11 x 5), 1 thread: 128->128 3x3 on 28x28 1.595 -> 1.41 ms, 16->64 on
  // 55x55 0.379 -> 0.362, 64->128 3x3/2 to 28x28 0.789 -> 0.774. Slower
  // where the divisor tile has 8 rows (56, 27, 13: 64->64 on 56x56 1.49 ->
  // 1.55 ms) and on 14- and 7-wide rows (128->256 3x3/2 to 14x14 0.75 ->
  // 1.27 ms).
  int64_t lanes = vectorBits / 32;
  return vectorBits >= 512 && !ShapedType::isDynamic(width) && width >= 28 &&
         rows < 8 && !ShapedType::isDynamic(filters) &&
         filters % (4 * lanes) == 0;
}

int64_t rectify::cpu::choosePixelLaneFilterTile(int64_t filters,
                                                int64_t laneTile,
                                                int64_t minFilters,
                                                int64_t vectorBits) {
  // Per channel a tile of m filters x v vectors of pixels loads v input
  // vectors and issues m * v FMAs, each broadcasting its weight from
  // memory (AVX-512 folds the broadcast into the FMA): m * v accumulators
  // and v inputs in the 32 registers. With 8 filters x 1 vector each input
  // vector was loaded once per filter tile, and the 144 lines of a pixel
  // tile (channel planes 12544 bytes apart) fall into 16 of L1's 64 sets:
  // they evicted each other between filter tiles. Single layers on 56x56,
  // 1 thread: 144->24 0.285 -> 0.181 ms (24 x 16), 96->24 0.121 -> 0.110,
  // 24->144 0.244 -> 0.223; 16->96 on 112x112 0.39 -> 0.335 (12 x 32).
  // Capped at 24 filters, the largest tried.
  int64_t lanes = vectorBits / 32;
  if (vectorBits < 512 || ShapedType::isDynamic(filters) ||
      ShapedType::isDynamic(laneTile) || laneTile % lanes != 0)
    return minFilters;
  int64_t vectors = laneTile / lanes;
  int64_t most = std::min<int64_t>(24, (32 - vectors) / vectors);
  for (int64_t m = most - most % 4; m > minFilters; m -= 4)
    if (filters % m == 0)
      return m;
  return minFilters;
}

bool rectify::cpu::prefersPixelTilesOuter(int64_t width, int64_t laneTile) {
  // Filter tiles outside: LLVM hoists each filter tile's weight broadcasts
  // (K x 8 vectors) out of the loop over a row's pixel tiles and spills
  // them, a cost per row that short rows do not amortize. Pixel tiles
  // outside: the input vectors of a pixel tile stay in registers across
  // the filters, but each pixel tile writes a piece of every output plane.
  // Single layers, 1 thread: 16->64 on 55x55 0.085 -> 0.060 ms, 24->144 on
  // 56x56 0.234 -> 0.193 ms, 144->24 0.277 -> 0.272 ms; but 16->96 on
  // 112x112 (7 pixel tiles, 96 planes) 0.55 -> 0.62 ms: short rows only.
  return !ShapedType::isDynamic(width) && width <= 4 * laneTile;
}

bool rectify::cpu::prefersFilterTilesOnThreads(int64_t filters,
                                               int64_t channels) {
  // An expanding 1x1 conv (mobilenet_v2's 16->96 and 24->144) feeds a
  // depthwise conv, whose threads take channels: split by filters, each
  // core then reads the planes it wrote itself instead of half of them
  // from the other core. mobilenet_v2 on 2 threads 4.38 -> 4.09 ms
  // (minima of 5 interleaved pairs), 1 thread and squeezenet1_1 unchanged.
  // A projection (fewer filters) mixes all channels either way and has too
  // few filter tiles to split evenly: it keeps its rows on threads.
  return !ShapedType::isDynamic(filters) && !ShapedType::isDynamic(channels) &&
         filters > channels;
}

bool rectify::cpu::prefersFilterThreads(int64_t weightElements,
                                        int64_t inputElements,
                                        int64_t outputRows) {
  if (ShapedType::isDynamic(weightElements) ||
      ShapedType::isDynamic(inputElements) || weightElements <= inputElements)
    return false;
  // From single layers on 2 threads (minima): by filters, each thread
  // streams half of the weight; by rows, both stream all of it but read
  // half of the input. Filters won where the weight is over 8x the input
  // (64->256 3x3 on 13x13, 10x: 0.174 vs 0.184 ms; 160->960 1x1 on 7x7,
  // 20x: 0.057 vs 0.070 ms) and where 7 rows split 4 + 3 (960->160 on 7x7,
  // 3.3x: 0.062 vs 0.064 ms); rows won below (48->192 3x3 on 13x13, 7.7x:
  // 0.110 vs 0.118 ms; 32->128 on 27x27, 1.4x: 0.194 vs 0.219 ms).
  return weightElements > 8 * inputElements || outputRows < 8;
}
