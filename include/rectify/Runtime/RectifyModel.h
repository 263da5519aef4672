/*===- RectifyModel.h - C ABI of a model compiled by Rectify ------*- C -*-===*
 *
 * Every library produced by `rectify-compile` exports the two generic symbols
 * below (so tools can load any model) and, next to them, a model-specific
 * header that names the same entry point as `<model>_run` with its inputs and
 * outputs spelled out.
 *
 * Shapes: a dimension of -1 in rectify_tensor_info is dynamic. A model has at
 * most one dynamic extent, the batch: every -1 of every input and output takes
 * the same value N in one call.
 *
 *===----------------------------------------------------------------------===*/
#ifndef RECTIFY_RUNTIME_RECTIFYMODEL_H
#define RECTIFY_RUNTIME_RECTIFYMODEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RECTIFY_MAX_RANK 8
#define RECTIFY_ABI_VERSION 1

typedef enum rectify_dtype { RECTIFY_DTYPE_F32 = 1 } rectify_dtype;

/* Status codes returned by rectify_model_run. */
enum {
  RECTIFY_OK = 0,
  RECTIFY_ERROR_ARGUMENT = 1, /* null pointer or wrong count */
  RECTIFY_ERROR_SHAPE = 2,    /* a tensor's shape does not match the model */
};

typedef struct rectify_tensor_info {
  const char *name;
  rectify_dtype dtype;
  int32_t rank;
  int64_t shape[RECTIFY_MAX_RANK]; /* -1: dynamic (the batch) */
} rectify_tensor_info;

typedef struct rectify_model_info {
  int32_t abi_version;
  const char *name;
  int32_t num_inputs;
  int32_t num_outputs;
  const rectify_tensor_info *inputs;
  const rectify_tensor_info *outputs;
} rectify_model_info;

/* A caller-owned buffer, dense and row-major. */
typedef struct rectify_tensor {
  void *data;
  int32_t rank;
  int64_t shape[RECTIFY_MAX_RANK];
} rectify_tensor;

/* Static description of the model's inputs and outputs. */
const rectify_model_info *rectify_model_get_info(void);

/* Runs the model. `inputs` and `outputs` hold num_inputs / num_outputs
 * tensors in the order of the model info; the caller allocates outputs with
 * the shape the model produces (the info's shape with -1 replaced by the
 * batch). Shapes are checked before anything is read or written; on error the
 * return value is non-zero and, when `error` is not null, a message of at most
 * error_size bytes (NUL included) says which tensor and dimension is wrong.
 * Reentrant: no global mutable state. */
int rectify_model_run(const rectify_tensor *inputs, rectify_tensor *outputs,
                      char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif /* RECTIFY_RUNTIME_RECTIFYMODEL_H */
