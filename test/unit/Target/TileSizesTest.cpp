//===- TileSizesTest.cpp - The CPU matmul cost model ----------------------===//

#include "rectify/Target/CPU/TileSizes.h"

#include "gtest/gtest.h"

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
