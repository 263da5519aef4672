//===- Benchmark.h - Timing repeated model runs -----------------*- C++ -*-===//
#ifndef RECTIFY_RUNTIME_BENCHMARK_H
#define RECTIFY_RUNTIME_BENCHMARK_H

#include "rectify/Runtime/ModelInvocation.h"

#include "llvm/Support/Error.h"

namespace rectify {

/// Wall-clock latency of single runs, in milliseconds.
struct LatencyStats {
  unsigned runs = 0;
  double medianMs = 0;
  double minMs = 0;
  double maxMs = 0;
};

/// Runs `invocation` `warmup` times untimed, then `runs` (>= 1) times timed.
llvm::Expected<LatencyStats> benchmark(ModelInvocation &invocation,
                                       unsigned runs, unsigned warmup);

} // namespace rectify

#endif // RECTIFY_RUNTIME_BENCHMARK_H
