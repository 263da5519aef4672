/*===- FailingModel.c - a model whose run always reports an error ---------===*
 *
 * Also has a fully static shape (no batch), unlike the others.
 *
 *===----------------------------------------------------------------------===*/

#include "rectify/Runtime/RectifyModel.h"

#include <stdio.h>

static const rectify_tensor_info tensors[] = {{"x", RECTIFY_DTYPE_F32, 1, {4}}};
static const rectify_model_info info = {
    RECTIFY_ABI_VERSION, "failing", 1, 1, tensors, tensors};

const rectify_model_info *rectify_model_get_info(void) { return &info; }

int rectify_model_run(const rectify_tensor *in, rectify_tensor *out,
                      char *error, size_t error_size) {
  (void)in;
  (void)out;
  if (error)
    snprintf(error, error_size, "internal failure in the test model");
  return RECTIFY_ERROR_ARGUMENT;
}
