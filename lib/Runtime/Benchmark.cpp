//===- Benchmark.cpp - Timing repeated model runs -------------------------===//

#include "rectify/Runtime/Benchmark.h"

#include <algorithm>
#include <chrono>
#include <vector>

using namespace rectify;

llvm::Expected<LatencyStats> rectify::benchmark(ModelInvocation &invocation,
                                                unsigned runs,
                                                unsigned warmup) {
  if (runs == 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "benchmark needs at least one run");
  for (unsigned i = 0; i < warmup; ++i)
    if (llvm::Error err = invocation.run())
      return std::move(err);
  std::vector<double> times;
  times.reserve(runs);
  for (unsigned i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (llvm::Error err = invocation.run())
      return std::move(err);
    auto end = std::chrono::steady_clock::now();
    times.push_back(
        std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(times.begin(), times.end());
  LatencyStats stats;
  stats.runs = runs;
  stats.minMs = times.front();
  stats.maxMs = times.back();
  size_t mid = times.size() / 2;
  stats.medianMs =
      times.size() % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return stats;
}
