/* A stand-in for the CUDA driver (libcuda.so.1) that checks how a CUDA model
 * library drives it, on machines without a GPU. It runs no kernel: device
 * memory is host memory (zero-filled), and each launch is checked against
 * the PTX the library loaded: the kernel exists, each parameter of its
 * .entry signature is read, pointer parameters point into live device
 * allocations and start memref descriptors (allocated = aligned pointer,
 * offset 0), the block has at most 1024 threads. Cubins are refused as
 * "no binary for this GPU", so the library must fall back to its PTX.
 * Calls are logged to stderr as "mock: ...".
 *
 * MOCK_CUDA_DEVICES=<n> sets the device count (default 1);
 * MOCK_CUDA_INIT=<code> makes cuInit fail with that code. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int CUresult;
enum {
  SUCCESS = 0,
  INVALID_VALUE = 1,
  NO_DEVICE = 100,
  NO_BINARY_FOR_GPU = 209,
  NOT_FOUND = 500,
};

typedef struct Allocation {
  char *data;
  size_t size;
  struct Allocation *next;
} Allocation;

typedef struct Function {
  char name[128];
  int num_params;
  int is_pointer[256];
} Function;

static Allocation *allocations;
static const char *ptx;
static Function functions[64];
static int num_functions, num_launches, context_refs;

CUresult cuInit(unsigned flags) {
  const char *code = getenv("MOCK_CUDA_INIT");
  return code ? atoi(code) : SUCCESS;
}

CUresult cuGetErrorString(CUresult error, const char **text) {
  switch (error) {
  case SUCCESS: *text = "no error"; return SUCCESS;
  case INVALID_VALUE: *text = "invalid argument"; return SUCCESS;
  case NO_DEVICE: *text = "no CUDA-capable device is detected"; return SUCCESS;
  case NO_BINARY_FOR_GPU: *text = "no kernel image is available for execution on the device"; return SUCCESS;
  case NOT_FOUND: *text = "named symbol not found"; return SUCCESS;
  default: return INVALID_VALUE;
  }
}

CUresult cuDeviceGetCount(int *count) {
  const char *devices = getenv("MOCK_CUDA_DEVICES");
  *count = devices ? atoi(devices) : 1;
  return SUCCESS;
}

CUresult cuDeviceGet(int *device, int ordinal) {
  *device = ordinal;
  return SUCCESS;
}

CUresult cuDeviceGetName(char *name, int length, int device) {
  snprintf(name, (size_t)length, "Mock GPU %d", device);
  return SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(void **context, int device) {
  ++context_refs;
  *context = &context_refs;
  fprintf(stderr, "mock: context on device %d\n", device);
  return SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(int device) {
  --context_refs;
  fprintf(stderr, "mock: context released, %d launches, %d allocations left\n",
          num_launches, allocations ? 1 : 0);
  return SUCCESS;
}

CUresult cuCtxSetCurrent(void *context) { return SUCCESS; }

CUresult cuModuleLoadData(void **module, const void *image) {
  if (memcmp(image, "\x7f" "ELF", 4) == 0) {
    fprintf(stderr, "mock: cubin refused\n");
    return NO_BINARY_FOR_GPU;
  }
  ptx = image;
  *module = (void *)image;
  fprintf(stderr, "mock: PTX loaded\n");
  return SUCCESS;
}

CUresult cuModuleUnload(void *module) {
  fprintf(stderr, "mock: module unloaded\n");
  return SUCCESS;
}

/* Reads the parameters of `.entry name(` in the PTX. */
CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
  char pattern[160];
  snprintf(pattern, sizeof(pattern), ".entry %s(", name);
  const char *entry = strstr(ptx, pattern);
  if (!entry || num_functions == 64)
    return NOT_FOUND;
  Function *f = &functions[num_functions++];
  snprintf(f->name, sizeof(f->name), "%s", name);
  const char *end = strchr(entry, ')');
  for (const char *p = strstr(entry, ".param"); p && p < end;
       p = strstr(p + 1, ".param")) {
    const char *line_end = strchr(p, '\n');
    f->is_pointer[f->num_params++] =
        strstr(p, ".ptr") != NULL && strstr(p, ".ptr") < line_end;
  }
  *function = f;
  return SUCCESS;
}

CUresult cuMemAlloc_v2(uint64_t *pointer, size_t size) {
  if (size == 0)
    return INVALID_VALUE;
  Allocation *a = calloc(1, sizeof(*a));
  a->data = calloc(1, size);
  a->size = size;
  a->next = allocations;
  allocations = a;
  *pointer = (uint64_t)(uintptr_t)a->data;
  return SUCCESS;
}

CUresult cuMemFree_v2(uint64_t pointer) {
  for (Allocation **a = &allocations; *a; a = &(*a)->next)
    if ((uint64_t)(uintptr_t)(*a)->data == pointer) {
      Allocation *dead = *a;
      *a = dead->next;
      free(dead->data);
      free(dead);
      return SUCCESS;
    }
  fprintf(stderr, "mock: error: freeing unknown memory\n");
  return INVALID_VALUE;
}

static int is_device(uint64_t pointer, size_t size) {
  for (Allocation *a = allocations; a; a = a->next)
    if (pointer >= (uint64_t)(uintptr_t)a->data &&
        pointer + size <= (uint64_t)(uintptr_t)a->data + a->size)
      return 1;
  return 0;
}

CUresult cuMemcpyHtoD_v2(uint64_t target, const void *source, size_t size) {
  if (!is_device(target, size))
    return INVALID_VALUE;
  memcpy((void *)(uintptr_t)target, source, size);
  fprintf(stderr, "mock: weight upload of %zu bytes\n", size);
  return SUCCESS;
}

CUresult cuMemcpyHtoDAsync_v2(uint64_t target, const void *source,
                              size_t size, void *stream) {
  if (!is_device(target, size) || !stream)
    return INVALID_VALUE;
  memcpy((void *)(uintptr_t)target, source, size);
  fprintf(stderr, "mock: input copy of %zu bytes\n", size);
  return SUCCESS;
}

CUresult cuMemcpyDtoHAsync_v2(void *target, uint64_t source, size_t size,
                              void *stream) {
  if (!is_device(source, size) || !stream)
    return INVALID_VALUE;
  memcpy(target, (void *)(uintptr_t)source, size);
  fprintf(stderr, "mock: output copy of %zu bytes\n", size);
  return SUCCESS;
}

CUresult cuMemcpyDtoDAsync_v2(uint64_t target, uint64_t source, size_t size,
                              void *stream) {
  if (!is_device(source, size) || !is_device(target, size) || !stream)
    return INVALID_VALUE;
  memmove((void *)(uintptr_t)target, (void *)(uintptr_t)source, size);
  return SUCCESS;
}

static int stream_token;

CUresult cuStreamCreate(void **stream, unsigned flags) {
  *stream = &stream_token;
  fprintf(stderr, "mock: stream created\n");
  return SUCCESS;
}

CUresult cuStreamDestroy_v2(void *stream) {
  fprintf(stderr, "mock: stream destroyed\n");
  return SUCCESS;
}

CUresult cuStreamSynchronize(void *stream) { return stream ? SUCCESS : INVALID_VALUE; }

CUresult cuLaunchKernel(void *function, unsigned gx, unsigned gy, unsigned gz,
                        unsigned bx, unsigned by, unsigned bz, unsigned shared,
                        void *stream, void **params, void **extra) {
  Function *f = function;
  if (!stream || extra || bx * by * bz > 1024 || !gx || !gy || !gz) {
    fprintf(stderr, "mock: error: bad launch of %s\n", f->name);
    return INVALID_VALUE;
  }
  for (int i = 0; i < f->num_params; ++i) {
    uint64_t value = *(const uint64_t *)params[i];
    if (f->is_pointer[i] && !is_device(value, 1)) {
      fprintf(stderr, "mock: error: %s parameter %d is no device pointer\n",
              f->name, i);
      return INVALID_VALUE;
    }
    /* A memref descriptor: allocated and aligned pointer alike, offset 0. */
    if (f->is_pointer[i] && i + 2 < f->num_params && f->is_pointer[i + 1] &&
        (*(const uint64_t *)params[i + 1] != value ||
         *(const uint64_t *)params[i + 2] != 0)) {
      fprintf(stderr, "mock: error: %s parameter %d starts no descriptor\n",
              f->name, i);
      return INVALID_VALUE;
    }
  }
  ++num_launches;
  fprintf(stderr, "mock: launch %s: %d parameters, grid %ux%ux%u, block %ux%ux%u\n",
          f->name, f->num_params, gx, gy, gz, bx, by, bz);
  return SUCCESS;
}
