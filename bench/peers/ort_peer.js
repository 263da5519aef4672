// onnxruntime peer: runs an ONNX model with onnxruntime-node (CPU, all graph
// optimizations on) on random inputs and prints latency statistics as JSON.
// usage: node ort_peer.js MODEL THREADS RUNS WARMUP NAME=DxD... [NAME=DxD...]
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));

async function main() {
  const [model, threads, runs, warmup, ...specs] = process.argv.slice(2);
  const session = await ort.InferenceSession.create(model, {
    intraOpNumThreads: Number(threads),
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
  });
  const feeds = {};
  for (const spec of specs) {
    const [name, dims] = spec.split('=');
    const shape = dims.split('x').map(Number);
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; ++i) data[i] = Math.sin(i) * 0.5;
    feeds[name] = new ort.Tensor('float32', data, shape);
  }
  for (let i = 0; i < Number(warmup); ++i) await session.run(feeds);
  const times = [];
  for (let i = 0; i < Number(runs); ++i) {
    const start = process.hrtime.bigint();
    await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({
    median_ms: times[Math.floor(times.length / 2)],
    min_ms: times[0],
    max_ms: times[times.length - 1],
  }));
}
main().catch((e) => { console.error(e.message); process.exit(1); });
