// oneDNN peer: y = relu(x * W^T + b) as one matmul primitive with a bias and
// an eltwise_relu post-op, W reordered once into the layout oneDNN prefers
// (format_tag::any), timed over repeated executions.
// usage: onednn_linear M K N RUNS WARMUP  (threads: OMP_NUM_THREADS)
#include <dnnl.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace dnnl;

int main(int argc, char **argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s M K N RUNS WARMUP\n", argv[0]);
    return 1;
  }
  memory::dim m = std::atol(argv[1]), k = std::atol(argv[2]),
              n = std::atol(argv[3]);
  int runs = std::atoi(argv[4]), warmup = std::atoi(argv[5]);
  engine eng(engine::kind::cpu, 0);
  stream strm(eng);

  memory::desc src({m, k}, memory::data_type::f32, memory::format_tag::ab);
  memory::desc weightsAny({k, n}, memory::data_type::f32,
                          memory::format_tag::any);
  memory::desc weightsPlain({k, n}, memory::data_type::f32,
                            memory::format_tag::ba); // W stored [N, K]
  memory::desc bias({1, n}, memory::data_type::f32, memory::format_tag::ab);
  memory::desc dst({m, n}, memory::data_type::f32, memory::format_tag::ab);

  post_ops ops;
  ops.append_eltwise(1.f, algorithm::eltwise_relu, 0.f, 0.f);
  primitive_attr attr;
  attr.set_post_ops(ops);
  // oneDNN 2.x (Debian bookworm): an op descriptor, then the primitive one.
  matmul::desc desc(src, weightsAny, bias, dst);
  matmul::primitive_desc pd(desc, attr, eng);

  std::vector<float> x(m * k, 0.5f), w(k * n, 0.01f), b(n, 0.1f), y(m * n);
  memory srcMem(src, eng, x.data()), plainW(weightsPlain, eng, w.data()),
      biasMem(bias, eng, b.data()), dstMem(dst, eng, y.data());
  memory packedW(pd.weights_desc(), eng);
  reorder(plainW, packedW).execute(strm, plainW, packedW);
  strm.wait();

  matmul prim(pd);
  auto run = [&] {
    prim.execute(strm, {{DNNL_ARG_SRC, srcMem},
                        {DNNL_ARG_WEIGHTS, packedW},
                        {DNNL_ARG_BIAS, biasMem},
                        {DNNL_ARG_DST, dstMem}});
    strm.wait();
  };
  for (int i = 0; i < warmup; ++i)
    run();
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start)
                        .count());
  }
  std::sort(times.begin(), times.end());
  std::printf("{\"median_ms\": %.6f, \"min_ms\": %.6f, \"max_ms\": %.6f}\n",
              times[times.size() / 2], times.front(), times.back());
  return 0;
}
