//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//
#ifndef RECTIFY_TARGET_CPU_PASSES_TD
#define RECTIFY_TARGET_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def CPUDestinationABI : Pass<"rectify-cpu-destination-abi", "mlir::ModuleOp"> {
  let summary = "Turn tensor functions into functions that write caller buffers";
  let description = [{
    Rewrites every public function `(tensor...) -> (tensor...)` into
    `(memref inputs..., memref outputs...) -> ()`: inputs are read through
    `bufferization.to_tensor restrict`, results are written with
    `bufferization.materialize_in_destination` into the output arguments, so
    bufferization computes the final layer straight into the caller's buffer
    and a call allocates nothing for its outputs. Argument and result
    attributes are dropped (the generated C entry points carry the names); the
    function gets `llvm.emit_c_interface`.
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::memref::MemRefDialect"];
}

def CPUFuseElementwise : Pass<"rectify-cpu-fuse-elementwise",
                               "mlir::func::FuncOp"> {
  let summary = "Fuse chains of elementwise linalg.generic ops";
  let description = [{
    Fuses an all-parallel `linalg.generic` into its elementwise consumer when
    it has no other use, so a chain of elementwise ops becomes one loop nest.
    Unlike upstream `linalg-fuse-elementwise-ops` it does not propagate
    reshapes through linalg ops: that rewrites the reshaped operands of a
    `linalg.matmul` (a convolution's weight and window matrix) into a
    higher-rank contraction generic, which the matmul schedule of
    `rectify-cpu-tile-and-vectorize` no longer recognises.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def CPUWriteIntoPadding : Pass<"rectify-cpu-write-into-padding",
                                "mlir::func::FuncOp"> {
  let summary = "Let an op write its result straight into the padded buffer "
                "its consumer reads";
  let description = [{
    A padded input is a tensor whose border is filled and whose interior
    receives the unpadded value through `tensor.insert_slice`. When that
    value is computed by an all-parallel `linalg.generic` writing a fresh
    `tensor.empty` (a convolution's epilogue), the padded tensor is built
    before the generic instead, from an allocation of its own (so CSE does
    not merge the padding of two consumers into one buffer), and the generic
    writes into its interior slice: bufferization then places the result
    inside the padded buffer and the copy disappears. A concatenation (each
    input inserted into a fresh tensor) is handled the same way: every
    input's epilogue writes its slice of the result.
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::tensor::TensorDialect"];
}

def CPUPackWeights : Pass<"rectify-cpu-pack-weights", "mlir::func::FuncOp"> {
  let summary = "Lay constant matmul weights out as the kernels read them";
  let description = [{
    A `linalg.matmul` whose right operand is a constant read transposed
    (`W[N, K]`, as `rect.linear` stores it) gets the constant transposed at
    compile time into `[K, N]`, so the vectorized kernel reads rows of W
    contiguously along N. A non-constant transposed operand gets an explicit
    `linalg.transpose`.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def CPUTileAndVectorize : Pass<"rectify-cpu-tile-and-vectorize",
                               "mlir::func::FuncOp"> {
  let summary = "Tile, fuse and vectorize linalg ops for the CPU";
  // Tile sizes per matmul come from chooseMatmulTiles (TileSizes.h) unless
  // the options fix them.
  let description = [{
    Matmul roots (a 2-D `linalg.matmul` with its fill, and the elementwise
    epilogue that consumes it) are tiled into M x N register tiles with the
    matmul and fill fused into the epilogue's tile loops, the M loop peeled so
    full tiles are unmasked, the K loop tiled by `tile-k`, and every op
    vectorized with the tile sizes (masked where a tile is partial); the
    accumulator is hoisted out of the K loop so it lives in registers and the
    epilogue runs on it before the single store. Elementwise roots are tiled
    along their innermost dimension and vectorized. Other ops are left for the
    loop lowering.
  }];
  let options = [
    Option<"tileM", "tile-m", "int64_t", /*default=*/"0",
           "Rows per register tile (0: from the cost model)">,
    Option<"tileN", "tile-n", "int64_t", /*default=*/"0",
           "Columns per register tile (0: from the cost model)">,
    Option<"tileK", "tile-k", "int64_t", /*default=*/"0",
           "K unroll of the register tile (0: from the cost model)">,
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the target's vector registers (512: AVX-512, 256: AVX2)">,
    Option<"elementwiseTile", "elementwise-tile", "int64_t", /*default=*/"64",
           "Innermost tile of elementwise ops">
  ];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::vector::VectorDialect",
                           "mlir::tensor::TensorDialect", "mlir::affine::AffineDialect",
                           "mlir::arith::ArithDialect"];
}

def CPUApproximateMath : Pass<"rectify-cpu-approximate-math",
                               "mlir::func::FuncOp"> {
  let summary = "Vector exp, log, tanh and erf as polynomial approximations";
  let description = [{
    LLVM lowers a vector `math.exp` (or log, tanh, erf) to one scalar libm
    call per lane, which made softmax, sigmoid, SiLU and GELU spend most of
    their time in `expf`. This pass rewrites the f32 vector forms of these
    functions into MLIR's polynomial approximations (vector arithmetic,
    within a few ULP of libm); scalar forms keep calling libm.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::math::MathDialect",
                           "mlir::vector::VectorDialect"];
}

def CPUVectorizeReductions : Pass<"rectify-cpu-vectorize-reductions",
                                   "mlir::func::FuncOp"> {
  let summary = "Tile and vectorize linalg reductions for the CPU";
  let description = [{
    Schedules the `linalg.generic` reductions that
    `rectify-cpu-tile-and-vectorize` leaves alone (softmax, log-softmax and
    layer-norm rows, rect.reduce_*, global pooling): generics with one
    result, projected-permutation maps, an input read with the identity map
    and a body of arith/math ops ending in one recognised combiner
    (addf, mulf, maximumf, minimumf).

    Inner reductions (the innermost, contiguous loop is a reduction) are
    tiled to one row per tile; a row longer than `tile` lanes is reduced
    into a `tile`-lane vector accumulator (partial-reduction tiling: one
    vector combine per chunk, carried in registers across the chunk loop),
    then reduced horizontally once. Outer reductions (the innermost loop is
    parallel) are tiled to `tile` lanes along that loop and 1 along the
    others, reduction loops innermost, so whole vectors are accumulated in
    registers. Tile loops are peeled: full tiles are unmasked, a static
    remainder gets exact vectors, a dynamic one is masked. Other generics
    (windows, gathers, unrecognised combiners) are left untouched.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the target's vector registers (512: AVX-512, 256: AVX2)">,
    Option<"tile", "tile", "int64_t", /*default=*/"0",
           "Lanes per vector tile (0: four registers of vector-bits)">
  ];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::vector::VectorDialect",
                           "mlir::tensor::TensorDialect", "mlir::affine::AffineDialect",
                           "mlir::arith::ArithDialect"];
}

def CPUParallelize : Pass<"rectify-cpu-parallelize", "mlir::func::FuncOp"> {
  let summary = "Turn the tile loops marked parallel into scf.parallel";
  let description = [{
    Runs after bufferization. The schedule marks with `rectify.parallel` the
    tile loops whose iterations write disjoint parts of the output (the full
    register-tile rows of a matmul root, the column tiles of its leftover
    rows, the outer loop of an elementwise op); once bufferized, such a loop
    has no results and becomes an `scf.parallel`, which
    `convert-scf-to-openmp` distributes over threads.
  }];
}

def CPUFuseParallelLoops
    : Pass<"rectify-cpu-fuse-parallel-loops", "mlir::func::FuncOp"> {
  let summary = "Fuse consecutive parallel loops whose iterations touch "
                "disjoint slots of their shared buffers";
  let description = [{
    Runs after `rectify-cpu-parallelize`. Two consecutive `scf.parallel`
    loops with the same constant bounds, the second's step dividing the
    first's, become one when every buffer that either writes is accessed by
    both only within the slot of the current iteration: each access's
    linear offset is `S * iv + [lo, hi]` with one `S` per buffer, and the
    accesses of one iteration of the first loop and of the second loop's
    iterations inside it span at most the first loop's step times `S`.
    That is the case of a layer splitting its output channels between
    threads followed by the next layer's per-channel border fill, copy or
    depthwise convolution: fused, each block of channels is produced, padded
    and consumed while it is still in the core's cache, and one fork/join
    replaces several. Index expressions are evaluated as intervals (`arith`
    adds and multiplies by constants, `affine.apply`/`min`/`max`, inner
    `scf.for` induction variables with constant steps); an access to a
    written buffer that cannot be bounded so, a buffer that is not an
    allocation, a global or a function argument (a `memref.view`), a write
    through a function argument when another argument is accessed, or an
    op with memory effects not modelled here keeps the loops apart. A loop
    holding a contraction (a reduction loop marked by
    `rectify-cpu-tile-and-vectorize`) never joins the loop before it: each
    block would stream the whole input and every weight. It runs after
    `canonicalize`, which removes the single-iteration batch loops that
    would otherwise keep the parallel loops from being siblings.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::scf::SCFDialect"];
}

def CPUPrefetchInputPlanes
    : Pass<"rectify-cpu-prefetch-input-planes", "mlir::func::FuncOp"> {
  let summary = "Prefetch the input planes a contraction steps through";
  let description = [{
    Runs after bufferization. A read of an activation (not a constant) in a
    contraction's reduction loops whose lanes run along the last dim at a
    position those loops do not change, while they change another index
    (a 1x1 convolution with the pixels in the lanes reads a few lanes of
    every channel plane), gets before it L1 prefetches of the lines the
    same read covers two tiles further along the row, continuing on the
    next row at a row's end. Each plane is its own stream, too many for the
    hardware prefetchers to follow.
  }];
  let dependentDialects = ["mlir::affine::AffineDialect",
                           "mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def CPUPrefetchWeightPanels
    : Pass<"rectify-cpu-prefetch-weight-panels", "mlir::func::FuncOp"> {
  let summary = "Prefetch the next panel of large packed weights";
  let description = [{
    Runs after bufferization. A packed constant weight of at least 1 MiB,
    read a panel at a time (dim 0) inside the reduction loops of a product
    whose panel index does not change in them, gets before each such read
    L2 prefetches of the same lines of the next panel: the next panel
    streams in from memory while the current one is reused by the row
    tiles, instead of the first row tile of every panel waiting on memory.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def CPUCopiesToLoops : Pass<"rectify-cpu-copies-to-loops", "mlir::func::FuncOp"> {
  let summary = "Copies and strided fills as loops of vector rows";
  let description = [{
    The LLVM lowering turns a copy between non-contiguous buffers into a call
    to `memrefCopy` from MLIR's runner utilities, a library compiled models
    must not depend on. A copy whose rows are contiguous on both sides and
    statically at most 256 elements long becomes loops over the outer
    dimensions around one vector transfer per row (window gathers, padding,
    concatenation); LLVM does not vectorize the scalar form, since it cannot
    prove the buffers apart. Other copies become `linalg.copy`, which the
    loop lowering turns into plain code.

    A `linalg.fill` of a strided box with such rows (a padded buffer's
    border) becomes the same loops around one vector store per row; as
    scalar loops, LLVM vectorized them across rows into scatters or
    per-element address extraction. Large copies and fills outside any
    loop have their first loop marked for `rectify-cpu-parallelize`.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::vector::VectorDialect"];
}

#endif // RECTIFY_TARGET_CPU_PASSES_TD
