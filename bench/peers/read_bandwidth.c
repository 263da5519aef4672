/* Measures the read bandwidth a batch-1 layer can reach: the best of several
 * passes summing a 64 MiB float array (the size of a 4096x4096 weight) with
 * vector loads, split across `threads` threads. Prints JSON. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  size_t count = (size_t)16 << 20; /* 64 MiB of floats */
  float *data = aligned_alloc(64, count * sizeof(float));
  if (!data)
    return 1;
  for (size_t i = 0; i < count; ++i)
    data[i] = (float)(i & 255);
  omp_set_num_threads(threads);
  double best = 1e30, sink = 0;
  for (int pass = 0; pass < 20; ++pass) {
    double start = now();
    float total = 0;
#pragma omp parallel for simd reduction(+ : total) schedule(static)
    for (size_t i = 0; i < count; ++i)
      total += data[i];
    double seconds = now() - start;
    sink += total;
    if (seconds < best)
      best = seconds;
  }
  printf("{\"gbytes_per_s\": %.2f, \"checksum\": %.1f}\n",
         count * sizeof(float) / best * 1e-9, sink);
  free(data);
  return 0;
}
