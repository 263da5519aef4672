//===- TileSizesTest.cpp - The CPU matmul cost model ----------------------===//

#include "rectify/Target/CPU/TileSizes.h"

#include "mlir/IR/BuiltinTypes.h"

#include "gtest/gtest.h"

using mlir::ShapedType;
using namespace rectify::cpu;

TEST(TileSizes, AVX512UsesSixteenAccumulators) {
  MatmulTiles tiles = chooseMatmulTiles(784, 512, 512);
  EXPECT_EQ(tiles.m, 8);
  EXPECT_EQ(tiles.n, 32);
  EXPECT_EQ(tiles.k, 4);
}

TEST(TileSizes, AVX2FitsSixteenRegisters) {
  MatmulTiles tiles = chooseMatmulTiles(784, 512, 256);
  EXPECT_EQ(tiles.n, 16);
  // 2m accumulators + 2 W vectors + 1 broadcast must fit 16 ymm registers.
  EXPECT_LE(2 * tiles.m + 3, 16);
  EXPECT_EQ(tiles.m, 6);
}

TEST(TileSizes, ColumnsGoOuterOnceWeightsOutgrowL2) {
  EXPECT_FALSE(chooseMatmulTiles(256, 512, 512).columnsOuter);   // 0.5 MiB
  EXPECT_TRUE(chooseMatmulTiles(784, 512, 512).columnsOuter);    // 1.5 MiB
  EXPECT_TRUE(chooseMatmulTiles(1024, 1024, 512).columnsOuter);  // 4 MiB
  EXPECT_TRUE(chooseMatmulTiles(4096, 4096, 512).columnsOuter);  // 64 MiB
  EXPECT_FALSE(chooseMatmulTiles(512, 512, 512).columnsOuter);   // 1 MiB
}

TEST(WindowTilesTest, RowsDivideTheWidthOrLeaveAnExactRemainder) {
  EXPECT_EQ(chooseWindowRowTile(56, 8), 8);
  EXPECT_EQ(chooseWindowRowTile(14, 8), 7);
  EXPECT_EQ(chooseWindowRowTile(28, 8), 7);
  EXPECT_EQ(chooseWindowRowTile(7, 8), 7);
  // No divisor in [4, 8]: full tiles and an exact remainder (8 + 5, not
  // 6 + 6 + a single row).
  EXPECT_EQ(chooseWindowRowTile(13, 8), 8);
  EXPECT_EQ(chooseWindowRowTile(27, 8), 8);
}

TEST(WindowTilesTest, PixelRowsTakeHalfTilesRatherThanOddRemainders) {
  // Filters in the lanes keep the cost model's tile.
  EXPECT_EQ(chooseWindowLaneTile(48, 32, /*pixelLanes=*/false), 32);
  // 112 = 3 x 32 + 16 and 24 = 16 + 8: remainders of at most half a tile.
  EXPECT_EQ(chooseWindowLaneTile(112, 32, /*pixelLanes=*/true), 32);
  EXPECT_EQ(chooseWindowLaneTile(64, 32, /*pixelLanes=*/true), 32);
  // 56 = 32 + 24 would leave an odd 24-lane vector: 3 x 16 + 8.
  EXPECT_EQ(chooseWindowLaneTile(56, 32, /*pixelLanes=*/true), 16);
  // 28 leaves 12 of 16 either way: the full tile, masked.
  EXPECT_EQ(chooseWindowLaneTile(28, 32, /*pixelLanes=*/true), 32);
}

TEST(WindowTilesTest, PixelLaneTilesTakeAsManyFiltersAsRegistersHold) {
  // One vector of pixels (56-wide rows): up to 24 filters.
  EXPECT_EQ(choosePixelLaneFilterTile(24, 16, 8, 512), 24);
  EXPECT_EQ(choosePixelLaneFilterTile(144, 16, 8, 512), 24);
  EXPECT_EQ(choosePixelLaneFilterTile(64, 16, 8, 512), 16);
  // Two vectors (112-wide rows): 12 x 2 accumulators, else the 8 rows.
  EXPECT_EQ(choosePixelLaneFilterTile(96, 32, 8, 512), 12);
  EXPECT_EQ(choosePixelLaneFilterTile(16, 32, 8, 512), 8);
  // No divisor above the cost model's rows; AVX2; dynamic filters.
  EXPECT_EQ(choosePixelLaneFilterTile(40, 16, 8, 512), 20);
  EXPECT_EQ(choosePixelLaneFilterTile(8, 16, 8, 512), 8);
  EXPECT_EQ(choosePixelLaneFilterTile(24, 16, 6, 256), 6);
  EXPECT_EQ(choosePixelLaneFilterTile(ShapedType::kDynamic, 16, 8, 512), 8);
}

TEST(WindowTilesTest, ShortRowTilesTakeFourVectorsOfFilters) {
  // 28 = 4 x 7 and 55 = 11 x 5: short divisor tiles, 128 and 64 filters.
  EXPECT_TRUE(prefersWideFilterTile(28, 7, 128, 512));
  EXPECT_TRUE(prefersWideFilterTile(55, 5, 64, 512));
  // 8-row tiles, narrow rows, partial filter tiles, AVX2, dynamic sizes.
  EXPECT_FALSE(prefersWideFilterTile(56, 8, 64, 512));
  EXPECT_FALSE(prefersWideFilterTile(14, 7, 256, 512));
  EXPECT_FALSE(prefersWideFilterTile(28, 7, 96, 512));
  EXPECT_FALSE(prefersWideFilterTile(28, 7, 128, 256));
  EXPECT_FALSE(prefersWideFilterTile(ShapedType::kDynamic, 7, 128, 512));
  EXPECT_FALSE(prefersWideFilterTile(28, 7, ShapedType::kDynamic, 512));
}

TEST(WindowTilesTest, ExpandingPixelRowsSplitTheirFilters) {
  EXPECT_TRUE(prefersFilterTilesOnThreads(96, 16));
  EXPECT_TRUE(prefersFilterTilesOnThreads(144, 24));
  // Projections and equal widths keep their rows on threads.
  EXPECT_FALSE(prefersFilterTilesOnThreads(24, 144));
  EXPECT_FALSE(prefersFilterTilesOnThreads(64, 64));
  EXPECT_FALSE(prefersFilterTilesOnThreads(ShapedType::kDynamic, 16));
}

TEST(WindowTilesTest, ShortPixelRowsIterateOutsideTheFilters) {
  // Rows of at most 4 pixel tiles: 55 and 56 wide in 16-lane tiles, 27 in
  // one 32-lane tile.
  EXPECT_TRUE(prefersPixelTilesOuter(55, 16));
  EXPECT_TRUE(prefersPixelTilesOuter(56, 16));
  EXPECT_TRUE(prefersPixelTilesOuter(27, 32));
  // 112 wide: 7 tiles, filter tiles outside.
  EXPECT_FALSE(prefersPixelTilesOuter(112, 16));
  EXPECT_FALSE(prefersPixelTilesOuter(ShapedType::kDynamic, 16));
}

TEST(WindowTilesTest, FiltersTakeThreadsWhenTheWeightDominates) {
  // 160 -> 960 1x1 on 7x7: weight 20x the input.
  EXPECT_TRUE(prefersFilterThreads(160 * 960, 160 * 7 * 7, 7));
  // 960 -> 160 1x1 on 7x7: 3.3x, but 7 rows split unevenly.
  EXPECT_TRUE(prefersFilterThreads(960 * 160, 960 * 7 * 7, 7));
  // 64 -> 256 3x3 on 13x13 (input padded to 15x15): 10x.
  EXPECT_TRUE(prefersFilterThreads(9 * 64 * 256, 64 * 15 * 15, 13));
  // 48 -> 192 3x3 on 13x13: 7.7x, rows.
  EXPECT_FALSE(prefersFilterThreads(9 * 48 * 192, 48 * 15 * 15, 13));
  // 32 -> 128 3x3 on 27x27: 1.4x, rows.
  EXPECT_FALSE(prefersFilterThreads(9 * 32 * 128, 32 * 29 * 29, 27));
  // A small weight on few rows stays by rows; unknown sizes too.
  EXPECT_FALSE(prefersFilterThreads(64, 4096, 4));
  EXPECT_FALSE(prefersFilterThreads(ShapedType::kDynamic, 4096, 4));
}
