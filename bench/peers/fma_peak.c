/* Measures the machine's fp32 FMA peak: 16 independent vector FMA chains
 * (enough to cover FMA latency x throughput on current x86 cores) per
 * thread, for the widest vectors the compiler targets (-march=native). */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(__AVX512F__)
typedef __m512 vec;
#define LANES 16
#define FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define SET1(x) _mm512_set1_ps(x)
#define SUM(v) _mm512_reduce_add_ps(v)
#define ADD(a, b) _mm512_add_ps(a, b)
#else
typedef __m256 vec;
#define LANES 8
#define FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define SET1(x) _mm256_set1_ps(x)
#define ADD(a, b) _mm256_add_ps(a, b)
static float SUM(__m256 v) {
  float lanes[8];
  _mm256_storeu_ps(lanes, v);
  float s = 0;
  for (int i = 0; i < 8; ++i)
    s += lanes[i];
  return s;
}
#endif

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  long iterations = argc > 1 ? atol(argv[1]) : 20000000;
  vec acc[16];
  for (int i = 0; i < 16; ++i)
    acc[i] = SET1(1.0f + i * 1e-3f);
  vec a = SET1(0.999999f), b = SET1(1e-7f);
  double start = now();
  for (long it = 0; it < iterations; ++it)
    for (int i = 0; i < 16; ++i)
      acc[i] = FMA(acc[i], a, b);
  double seconds = now() - start;
  vec total = acc[0];
  for (int i = 1; i < 16; ++i)
    total = ADD(total, acc[i]);
  double flops = 2.0 * LANES * 16.0 * (double)iterations;
  /* The checksum keeps the chains alive. */
  printf("{\"gflops\": %.2f, \"lanes\": %d, \"checksum\": %g}\n",
         flops / seconds * 1e-9, LANES, (double)SUM(total));
  return 0;
}
