/*===- BadABIModel.c - a model claiming a future ABI version --------------===*/

#include "rectify/Runtime/RectifyModel.h"

static const rectify_tensor_info tensors[] = {{"x", RECTIFY_DTYPE_F32, 1, {4}}};
static const rectify_model_info info = {
    RECTIFY_ABI_VERSION + 41, "future", 1, 1, tensors, tensors};

const rectify_model_info *rectify_model_get_info(void) { return &info; }

int rectify_model_run(const rectify_tensor *in, rectify_tensor *out,
                      char *error, size_t error_size) {
  (void)in;
  (void)out;
  (void)error;
  (void)error_size;
  return RECTIFY_OK;
}
