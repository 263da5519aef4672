/*===- ModelEntry.c - Boundary checks of a compiled model ---------*- C -*-===*
 *
 * Embedded by rectify-compile into the entry-point source of every compiled
 * model (after RectifyModel.h, before the model's tables). Everything here is
 * static: the only exported symbols are those the generated code defines.
 *
 *===----------------------------------------------------------------------===*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A memref descriptor is five 8-byte fields: allocated, aligned, offset,
 * sizes[rank], strides[rank]; kept as an array of 64-bit slots. */
#define RECTIFY_DESCRIPTOR_SLOTS (3 + 2 * RECTIFY_MAX_RANK)

static int rectify_fail(char *error, size_t error_size, int status,
                        const char *format, ...) {
  if (error && error_size > 0) {
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
  }
  return status;
}

/* Checks count tensors against their infos; the first dynamic extent seen
 * fixes the batch, every later one must agree. */
static int rectify_check_tensors(const rectify_tensor *tensors,
                                 const rectify_tensor_info *infos,
                                 int32_t count, const char *what,
                                 int64_t *batch, char *error,
                                 size_t error_size) {
  for (int32_t i = 0; i < count; ++i) {
    const rectify_tensor *tensor = &tensors[i];
    const rectify_tensor_info *info = &infos[i];
    if (tensor->rank != info->rank)
      return rectify_fail(error, error_size, RECTIFY_ERROR_SHAPE,
                          "%s '%s' has rank %d, expected %d", what,
                          info->name, (int)tensor->rank, (int)info->rank);
    for (int32_t d = 0; d < info->rank; ++d) {
      int64_t got = tensor->shape[d], want = info->shape[d];
      if (got < 0)
        return rectify_fail(error, error_size, RECTIFY_ERROR_SHAPE,
                            "%s '%s' has negative extent %lld in dimension %d",
                            what, info->name, (long long)got, (int)d);
      if (want >= 0 && got != want)
        return rectify_fail(error, error_size, RECTIFY_ERROR_SHAPE,
                            "%s '%s' has extent %lld in dimension %d, "
                            "expected %lld",
                            what, info->name, (long long)got, (int)d,
                            (long long)want);
      if (want < 0 && *batch >= 0 && got != *batch)
        return rectify_fail(error, error_size, RECTIFY_ERROR_SHAPE,
                            "%s '%s' has batch %lld in dimension %d, but "
                            "earlier tensors have batch %lld",
                            what, info->name, (long long)got, (int)d,
                            (long long)*batch);
      if (want < 0)
        *batch = got;
    }
    /* Empty tensors need no storage. */
    int64_t elements = 1;
    for (int32_t d = 0; d < info->rank; ++d)
      elements *= tensor->shape[d];
    if (!tensor->data && elements != 0)
      return rectify_fail(error, error_size, RECTIFY_ERROR_ARGUMENT,
                          "%s '%s' has no data pointer", what, info->name);
  }
  return RECTIFY_OK;
}

static int rectify_check_call(const rectify_model_info *info,
                              const rectify_tensor *inputs,
                              rectify_tensor *outputs, char *error,
                              size_t error_size) {
  if (error && error_size > 0)
    error[0] = '\0';
  if ((!inputs && info->num_inputs > 0) || (!outputs && info->num_outputs > 0))
    return rectify_fail(error, error_size, RECTIFY_ERROR_ARGUMENT,
                        "inputs and outputs must not be null");
  int64_t batch = -1;
  int status = rectify_check_tensors(inputs, info->inputs, info->num_inputs,
                                     "input", &batch, error, error_size);
  if (status != RECTIFY_OK)
    return status;
  return rectify_check_tensors(outputs, info->outputs, info->num_outputs,
                               "output", &batch, error, error_size);
}

/* Fills a dense row-major memref descriptor for data of the given shape. */
static void rectify_describe(int64_t *slots, void *data, int32_t rank,
                             const int64_t *shape) {
  memcpy(&slots[0], &data, sizeof(void *));
  memcpy(&slots[1], &data, sizeof(void *));
  slots[2] = 0;
  int64_t stride = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    slots[3 + d] = shape[d];
    slots[3 + rank + d] = stride;
    stride *= shape[d];
  }
}
