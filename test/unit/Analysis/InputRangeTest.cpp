//===- InputRangeTest.cpp - Parsing of --input-range declarations ---------===//

#include "rectify/Analysis/ValueRange.h"

#include <gtest/gtest.h>

using namespace rectify;

TEST(InputRange, ParsesOneInterval) {
  llvm::Expected<InputRange> range = parseInputRange("x=0:1");
  ASSERT_TRUE(static_cast<bool>(range));
  EXPECT_EQ(range->name, "x");
  ASSERT_EQ(range->channels.size(), 1u);
  EXPECT_EQ(range->channels[0].lo, 0.0);
  EXPECT_EQ(range->channels[0].hi, 1.0);
}

TEST(InputRange, ParsesChannelsAndInfinity) {
  llvm::Expected<InputRange> range = parseInputRange("img=-1:1,0:inf,-inf:2.5");
  ASSERT_TRUE(static_cast<bool>(range));
  ASSERT_EQ(range->channels.size(), 3u);
  EXPECT_TRUE(std::isinf(range->channels[1].hi));
  EXPECT_TRUE(std::isinf(range->channels[2].lo));
  EXPECT_EQ(range->channels[2].hi, 2.5);
}

TEST(InputRange, RejectsBadText) {
  for (const char *text : {"x", "x=", "=0:1", "x=1:0", "x=a:1", "x=0"}) {
    llvm::Expected<InputRange> range = parseInputRange(text);
    EXPECT_FALSE(static_cast<bool>(range)) << text;
    if (!range)
      llvm::consumeError(range.takeError());
  }
}

TEST(InputRange, ParsesLists) {
  llvm::SmallVector<InputRange> ranges;
  ASSERT_FALSE(static_cast<bool>(parseInputRanges("x=0:1; y=-1:1,0:2", ranges)));
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(ranges[1].name, "y");
  EXPECT_EQ(ranges[1].channels.size(), 2u);
}
