/*===- CUDARuntime.c - Runs a compiled model's kernels on CUDA -----*- C -*-===*
 *
 * Embedded by rectify-compile --target=cuda into the C source of every CUDA
 * model library, after RectifyModel.h and ModelEntry.c and before the
 * model's device code (its PTX and, where rectify-compile found a CUDA
 * toolkit, the cubin ptxas assembled from it), kernel table and launch
 * program. Everything is static: a library exports only the model's entry
 * points.
 *
 * The driver API is opened with dlopen("libcuda.so.1"): nothing links
 * libcuda, and a machine without the driver gets an error message from the
 * model's entry point, not a failure to load the library. The few driver
 * types and entry points used are declared here rather than taken from
 * cuda.h, so a library builds on any machine (the model's C source is
 * compiled by rectify-compile, where no CUDA toolkit need exist); they are
 * the versioned symbols (_v2) that cuda.h maps its names to, whose ABI the
 * driver keeps.
 *
 * The device is opened once per library on the first run (cuInit, device
 * choice, the device's primary context, the module and its kernels, the
 * weights uploaded to device memory) and released when the library is
 * unloaded. One run uses one stream: inputs are copied, every kernel is
 * launched on it, the stream is synchronized once, and outputs are copied
 * back.
 *
 * Device choice: RECTIFY_CUDA_DEVICE=<index> or =<part of the name>
 * overrides the default (device 0).
 *
 *===----------------------------------------------------------------------===*/
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>

#define RECTIFY_ERROR_DEVICE 3 /* no usable device, or the device failed */

typedef int rectify_CUresult; /* CUDA_SUCCESS is 0 */
typedef int rectify_CUdevice;
typedef unsigned long long rectify_CUdeviceptr;
typedef struct rectify_CUctx *rectify_CUcontext;
typedef struct rectify_CUmod *rectify_CUmodule;
typedef struct rectify_CUfunc *rectify_CUfunction;
typedef struct rectify_CUstream *rectify_CUstream;

/* Driver entry points: (name, symbol, parameter list). */
#define RECTIFY_CU_FUNCTIONS(X)                                                \
  X(cuInit, "cuInit", (unsigned))                                              \
  X(cuGetErrorString, "cuGetErrorString", (rectify_CUresult, const char **))   \
  X(cuDeviceGetCount, "cuDeviceGetCount", (int *))                             \
  X(cuDeviceGet, "cuDeviceGet", (rectify_CUdevice *, int))                     \
  X(cuDeviceGetName, "cuDeviceGetName", (char *, int, rectify_CUdevice))       \
  X(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain",                      \
    (rectify_CUcontext *, rectify_CUdevice))                                   \
  X(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2",                 \
    (rectify_CUdevice))                                                        \
  X(cuCtxSetCurrent, "cuCtxSetCurrent", (rectify_CUcontext))                   \
  X(cuModuleLoadData, "cuModuleLoadData", (rectify_CUmodule *, const void *))  \
  X(cuModuleUnload, "cuModuleUnload", (rectify_CUmodule))                      \
  X(cuModuleGetFunction, "cuModuleGetFunction",                                \
    (rectify_CUfunction *, rectify_CUmodule, const char *))                    \
  X(cuMemAlloc, "cuMemAlloc_v2", (rectify_CUdeviceptr *, size_t))              \
  X(cuMemFree, "cuMemFree_v2", (rectify_CUdeviceptr))                          \
  X(cuMemcpyHtoD, "cuMemcpyHtoD_v2",                                           \
    (rectify_CUdeviceptr, const void *, size_t))                               \
  X(cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2",                                 \
    (rectify_CUdeviceptr, const void *, size_t, rectify_CUstream))             \
  X(cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2",                                 \
    (void *, rectify_CUdeviceptr, size_t, rectify_CUstream))                   \
  X(cuMemcpyDtoDAsync, "cuMemcpyDtoDAsync_v2",                                 \
    (rectify_CUdeviceptr, rectify_CUdeviceptr, size_t, rectify_CUstream))      \
  X(cuStreamCreate, "cuStreamCreate", (rectify_CUstream *, unsigned))          \
  X(cuStreamDestroy, "cuStreamDestroy_v2", (rectify_CUstream))                 \
  X(cuStreamSynchronize, "cuStreamSynchronize", (rectify_CUstream))            \
  X(cuLaunchKernel, "cuLaunchKernel",                                          \
    (rectify_CUfunction, unsigned, unsigned, unsigned, unsigned, unsigned,     \
     unsigned, unsigned, rectify_CUstream, void **, void **))

/* What the compiler generates for one model. */
typedef struct rectify_cu_kernel_info {
  const char *entry; /* PTX entry point */
  uint32_t num_args; /* arguments of the launch (before memref expansion) */
} rectify_cu_kernel_info;

typedef struct rectify_cu_weight_info {
  size_t offset; /* into the weight blob */
  size_t size;   /* bytes */
} rectify_cu_weight_info;

typedef struct rectify_cu_program_info {
  const unsigned char *cubin; /* assembled by ptxas for `arch` */
  size_t cubin_size;          /* 0: no toolkit at compile time */
  const unsigned char *ptx;   /* NUL-terminated */
  const char *arch;           /* sm_XX the PTX was generated for */
  const rectify_cu_kernel_info *kernels;
  uint32_t num_kernels;
  const unsigned char *weights;
  const rectify_cu_weight_info *weight_list;
  uint32_t num_weights;
} rectify_cu_program_info;

typedef struct rectify_cu_buffer {
  rectify_CUdeviceptr ptr; /* 0 for an empty buffer */
  size_t size;
  struct rectify_cu_buffer *next; /* the run's list */
} rectify_cu_buffer;

typedef struct rectify_cu_device {
  void *library;
#define RECTIFY_CU_DECLARE(name, symbol, params) rectify_CUresult(*name) params;
  RECTIFY_CU_FUNCTIONS(RECTIFY_CU_DECLARE)
#undef RECTIFY_CU_DECLARE
  rectify_CUdevice device;
  int has_context;
  rectify_CUcontext context;
  rectify_CUmodule module;
  rectify_CUfunction *functions;
  uint32_t num_weights;
  rectify_cu_buffer *weights;
  char name[256];
  pthread_mutex_t lock; /* one run at a time on the context */
} rectify_cu_device;

/* The model's program, defined after this runtime by the generated code. */
static const rectify_cu_program_info rectify_program;

static pthread_once_t rectify_cu_once = PTHREAD_ONCE_INIT;
static rectify_cu_device rectify_cu_dev;
static int rectify_cu_status;
static char rectify_cu_message[512];

static const char *rectify_cu_error_name(rectify_cu_device *dev,
                                         rectify_CUresult result) {
  const char *text = NULL;
  if (dev->cuGetErrorString && dev->cuGetErrorString(result, &text) == 0 &&
      text)
    return text;
  return "unknown CUDA error";
}

static int rectify_cu_open_failed(const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(rectify_cu_message, sizeof(rectify_cu_message), format, args);
  va_end(args);
  return RECTIFY_ERROR_DEVICE;
}

/* Picks RECTIFY_CUDA_DEVICE (an index or part of a name), else device 0. */
static int rectify_cu_choose_device(rectify_cu_device *dev, int count) {
  const char *override = getenv("RECTIFY_CUDA_DEVICE");
  for (int i = 0; i < count; ++i) {
    rectify_CUdevice device;
    char name[256] = {0};
    if (dev->cuDeviceGet(&device, i) != 0 ||
        dev->cuDeviceGetName(name, (int)sizeof(name) - 1, device) != 0)
      continue;
    int chosen;
    if (!override || !*override) {
      chosen = 1;
    } else {
      char *end;
      long index = strtol(override, &end, 10);
      chosen = *end == '\0' ? index == i : strstr(name, override) != NULL;
    }
    if (chosen) {
      dev->device = device;
      memcpy(dev->name, name, sizeof(name));
      return RECTIFY_OK;
    }
  }
  if (override && *override)
    return rectify_cu_open_failed(
        "RECTIFY_CUDA_DEVICE=%s names no CUDA device (there are %d)", override,
        count);
  return rectify_cu_open_failed("no usable CUDA device found");
}

static int rectify_cu_open_device(rectify_cu_device *dev,
                                  const rectify_cu_program_info *program) {
  dev->library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!dev->library)
    return rectify_cu_open_failed(
        "no CUDA driver: cannot load libcuda.so.1 (%s)", dlerror());
#define RECTIFY_CU_LOAD(name, symbol, params)                                  \
  *(void **)&dev->name = dlsym(dev->library, symbol);                          \
  if (!dev->name)                                                              \
    return rectify_cu_open_failed("the CUDA driver lacks %s", symbol);
  RECTIFY_CU_FUNCTIONS(RECTIFY_CU_LOAD)
#undef RECTIFY_CU_LOAD
  rectify_CUresult result = dev->cuInit(0);
  if (result != 0)
    return rectify_cu_open_failed("no CUDA device: cuInit failed: %s",
                                  rectify_cu_error_name(dev, result));
  int count = 0;
  result = dev->cuDeviceGetCount(&count);
  if (result != 0 || count == 0)
    return rectify_cu_open_failed("no CUDA device found%s%s",
                                  result ? ": " : "",
                                  result ? rectify_cu_error_name(dev, result)
                                         : "");
  int status = rectify_cu_choose_device(dev, count);
  if (status != RECTIFY_OK)
    return status;
  result = dev->cuDevicePrimaryCtxRetain(&dev->context, dev->device);
  if (result != 0)
    return rectify_cu_open_failed("CUDA: cannot create a context on %s: %s",
                                  dev->name, rectify_cu_error_name(dev, result));
  dev->has_context = 1;
  dev->cuCtxSetCurrent(dev->context);
  /* The cubin runs on devices of its architecture; elsewhere (or without
   * one) the driver compiles the PTX. */
  result = 1;
  if (program->cubin_size)
    result = dev->cuModuleLoadData(&dev->module, program->cubin);
  if (result != 0)
    result = dev->cuModuleLoadData(&dev->module, program->ptx);
  if (result != 0)
    return rectify_cu_open_failed(
        "CUDA: cannot load the model's kernels (%s) on %s: %s", program->arch,
        dev->name, rectify_cu_error_name(dev, result));
  dev->functions = calloc(program->num_kernels + 1, sizeof(rectify_CUfunction));
  dev->weights = calloc(program->num_weights + 1, sizeof(rectify_cu_buffer));
  if (!dev->functions || !dev->weights)
    return rectify_cu_open_failed("out of host memory");
  for (uint32_t i = 0; i < program->num_kernels; ++i) {
    result = dev->cuModuleGetFunction(&dev->functions[i], dev->module,
                                      program->kernels[i].entry);
    if (result != 0)
      return rectify_cu_open_failed("CUDA: no kernel '%s' in the module: %s",
                                    program->kernels[i].entry,
                                    rectify_cu_error_name(dev, result));
  }
  for (uint32_t i = 0; i < program->num_weights; ++i) {
    const rectify_cu_weight_info *weight = &program->weight_list[i];
    rectify_cu_buffer *buffer = &dev->weights[i];
    buffer->size = weight->size;
    result = dev->cuMemAlloc(&buffer->ptr, weight->size ? weight->size : 4);
    if (result == 0)
      ++dev->num_weights;
    if (result == 0 && weight->size)
      result = dev->cuMemcpyHtoD(buffer->ptr, program->weights + weight->offset,
                                 weight->size);
    if (result != 0)
      return rectify_cu_open_failed("CUDA: cannot upload the weights: %s",
                                    rectify_cu_error_name(dev, result));
  }
  pthread_mutex_init(&dev->lock, NULL);
  return RECTIFY_OK;
}

static void rectify_cu_close_device(rectify_cu_device *dev) {
  if (dev->has_context) {
    dev->cuCtxSetCurrent(dev->context);
    for (uint32_t i = 0; i < dev->num_weights; ++i)
      dev->cuMemFree(dev->weights[i].ptr);
    if (dev->module)
      dev->cuModuleUnload(dev->module);
    dev->cuDevicePrimaryCtxRelease(dev->device);
  }
  free(dev->weights);
  free(dev->functions);
  if (dev->library)
    dlclose(dev->library);
  memset(dev, 0, sizeof(*dev));
}

static void rectify_cu_open_once(void) {
  rectify_cu_status = rectify_cu_open_device(&rectify_cu_dev, &rectify_program);
  if (rectify_cu_status != RECTIFY_OK)
    rectify_cu_close_device(&rectify_cu_dev);
}

__attribute__((destructor)) static void rectify_cu_teardown(void) {
  if (rectify_cu_status == RECTIFY_OK && rectify_cu_dev.has_context) {
    pthread_mutex_destroy(&rectify_cu_dev.lock);
    rectify_cu_close_device(&rectify_cu_dev);
  }
}

/* The library's device, opened on the first call; a failure to open is
 * reported on every call. */
static int rectify_cu_open(rectify_cu_device **out, char *error,
                           size_t error_size) {
  pthread_once(&rectify_cu_once, rectify_cu_open_once);
  if (rectify_cu_status != RECTIFY_OK)
    return rectify_fail(error, error_size, rectify_cu_status, "%s",
                        rectify_cu_message);
  *out = &rectify_cu_dev;
  return RECTIFY_OK;
}

/* One model run: its stream and buffers. The first failure is kept; later
 * calls do nothing, and rectify_cu_submit reports it. */
typedef struct rectify_cu_run {
  rectify_cu_device *dev;
  rectify_CUstream stream;
  rectify_cu_buffer *buffers; /* owned by the run */
  int status;
  char message[256];
} rectify_cu_run;

/* A kernel argument: a buffer of `rank` extents (passed as the memref
 * descriptor of the NVVM calling convention: allocated and aligned pointer,
 * offset, sizes, row-major strides) or an index scalar. */
typedef enum { RECTIFY_CU_ARG_BUFFER, RECTIFY_CU_ARG_INDEX } rectify_cu_arg_kind;
#define RECTIFY_CU_MAX_RANK 8

typedef struct rectify_cu_arg {
  rectify_cu_arg_kind kind;
  rectify_cu_buffer *buffer;
  int64_t index;
  int rank;
  int64_t shape[RECTIFY_CU_MAX_RANK];
} rectify_cu_arg;

static void rectify_cu_run_fail(rectify_cu_run *run, const char *what,
                                rectify_CUresult result) {
  if (run->status != RECTIFY_OK)
    return;
  run->status = RECTIFY_ERROR_DEVICE;
  snprintf(run->message, sizeof(run->message), "CUDA: %s: %s", what,
           rectify_cu_error_name(run->dev, result));
}

/* Starts a run on a new stream; locks the device until rectify_cu_end. */
static void rectify_cu_begin(rectify_cu_run *run, rectify_cu_device *dev) {
  memset(run, 0, sizeof(*run));
  run->dev = dev;
  pthread_mutex_lock(&dev->lock);
  rectify_CUresult result = dev->cuCtxSetCurrent(dev->context);
  if (result == 0)
    result = dev->cuStreamCreate(&run->stream, 0);
  if (result != 0)
    rectify_cu_run_fail(run, "cannot create a stream", result);
}

static rectify_cu_buffer *rectify_cu_temp(rectify_cu_run *run, int64_t bytes) {
  if (run->status != RECTIFY_OK)
    return NULL;
  rectify_cu_buffer *buffer = calloc(1, sizeof(*buffer));
  if (!buffer) {
    run->status = RECTIFY_ERROR_DEVICE;
    snprintf(run->message, sizeof(run->message), "out of host memory");
    return NULL;
  }
  buffer->size = bytes > 0 ? (size_t)bytes : 0;
  buffer->next = run->buffers;
  run->buffers = buffer;
  if (buffer->size) {
    rectify_CUresult result = run->dev->cuMemAlloc(&buffer->ptr, buffer->size);
    if (result != 0)
      rectify_cu_run_fail(run, "cannot allocate device memory", result);
  }
  return buffer;
}

static rectify_cu_buffer *rectify_cu_input(rectify_cu_run *run,
                                           const void *data, int64_t bytes) {
  rectify_cu_buffer *buffer = rectify_cu_temp(run, bytes);
  if (buffer && run->status == RECTIFY_OK && buffer->size) {
    rectify_CUresult result = run->dev->cuMemcpyHtoDAsync(
        buffer->ptr, data, buffer->size, run->stream);
    if (result != 0)
      rectify_cu_run_fail(run, "cannot copy an input to the device", result);
  }
  return buffer;
}

static rectify_cu_buffer *rectify_cu_weight(rectify_cu_run *run,
                                            uint32_t index) {
  return &run->dev->weights[index];
}

/* Launches `kernel` on a grid of gx x gy x gz blocks of bx x by x bz
 * threads, on the run's stream. */
static void rectify_cu_dispatch(rectify_cu_run *run,
                                const rectify_cu_program_info *program,
                                uint32_t kernel, int64_t gx, int64_t gy,
                                int64_t gz, int64_t bx, int64_t by, int64_t bz,
                                const rectify_cu_arg *args) {
  if (run->status != RECTIFY_OK)
    return;
  if (gx <= 0 || gy <= 0 || gz <= 0)
    return; /* an empty batch launches nothing */
  if (gx > 2147483647LL || gy > 65535 || gz > 65535) {
    run->status = RECTIFY_ERROR_ARGUMENT;
    snprintf(run->message, sizeof(run->message),
             "kernel '%s' needs %lld x %lld x %lld blocks; CUDA allows "
             "2147483647 x 65535 x 65535 (use a smaller batch)",
             program->kernels[kernel].entry, (long long)gx, (long long)gy,
             (long long)gz);
    return;
  }
  /* Every parameter of the expanded signature is 8 bytes. */
  uint64_t values[256];
  void *params[256];
  uint32_t count = 0;
  for (uint32_t i = 0; i < program->kernels[kernel].num_args; ++i) {
    const rectify_cu_arg *arg = &args[i];
    if (count + 3 + 2 * RECTIFY_CU_MAX_RANK > 256) {
      run->status = RECTIFY_ERROR_ARGUMENT;
      snprintf(run->message, sizeof(run->message),
               "kernel '%s' has too many arguments",
               program->kernels[kernel].entry);
      return;
    }
    if (arg->kind == RECTIFY_CU_ARG_INDEX) {
      values[count++] = (uint64_t)arg->index;
      continue;
    }
    values[count++] = arg->buffer->ptr; /* allocated */
    values[count++] = arg->buffer->ptr; /* aligned */
    values[count++] = 0;                /* offset */
    for (int d = 0; d < arg->rank; ++d)
      values[count++] = (uint64_t)arg->shape[d];
    int64_t stride = 1;
    uint32_t strides = count;
    count += (uint32_t)arg->rank;
    for (int d = arg->rank - 1; d >= 0; --d) {
      values[strides + d] = (uint64_t)stride;
      stride *= arg->shape[d];
    }
  }
  for (uint32_t i = 0; i < count; ++i)
    params[i] = &values[i];
  rectify_CUresult result = run->dev->cuLaunchKernel(
      run->dev->functions[kernel], (unsigned)gx, (unsigned)gy, (unsigned)gz,
      (unsigned)bx, (unsigned)by, (unsigned)bz, 0, run->stream, params, NULL);
  if (result != 0)
    rectify_cu_run_fail(run, "cannot launch a kernel", result);
}

static void rectify_cu_copy(rectify_cu_run *run, rectify_cu_buffer *source,
                            rectify_cu_buffer *target, int64_t bytes) {
  if (run->status != RECTIFY_OK || bytes <= 0)
    return;
  rectify_CUresult result = run->dev->cuMemcpyDtoDAsync(
      target->ptr, source->ptr, (size_t)bytes, run->stream);
  if (result != 0)
    rectify_cu_run_fail(run, "cannot copy a buffer", result);
}

/* Waits for the run's stream. */
static int rectify_cu_submit(rectify_cu_run *run, char *error,
                             size_t error_size) {
  if (run->status == RECTIFY_OK) {
    rectify_CUresult result = run->dev->cuStreamSynchronize(run->stream);
    if (result != 0)
      rectify_cu_run_fail(run, "running the model failed", result);
  }
  if (run->status != RECTIFY_OK)
    return rectify_fail(error, error_size, run->status, "%s", run->message);
  return RECTIFY_OK;
}

/* Copies an output back (after rectify_cu_submit) and waits for it. */
static void rectify_cu_read(rectify_cu_run *run, rectify_cu_buffer *buffer,
                            void *data, int64_t bytes) {
  if (run->status != RECTIFY_OK || bytes <= 0)
    return;
  rectify_CUresult result =
      run->dev->cuMemcpyDtoHAsync(data, buffer->ptr, (size_t)bytes, run->stream);
  if (result == 0)
    result = run->dev->cuStreamSynchronize(run->stream);
  if (result != 0)
    rectify_cu_run_fail(run, "cannot copy an output to the host", result);
}

/* Frees the run's resources, unlocks the device and returns the run's
 * status (a failed read is reported here). */
static int rectify_cu_end(rectify_cu_run *run, int status, char *error,
                          size_t error_size) {
  rectify_cu_device *dev = run->dev;
  if (run->stream)
    dev->cuStreamSynchronize(run->stream);
  while (run->buffers) {
    rectify_cu_buffer *next = run->buffers->next;
    if (run->buffers->ptr)
      dev->cuMemFree(run->buffers->ptr);
    free(run->buffers);
    run->buffers = next;
  }
  if (run->stream)
    dev->cuStreamDestroy(run->stream);
  pthread_mutex_unlock(&dev->lock);
  if (status == RECTIFY_OK && run->status != RECTIFY_OK)
    return rectify_fail(error, error_size, run->status, "%s", run->message);
  return status;
}
