/*===- DoubleModel.c - y = 2x with a dynamic batch ------------------------===*/

#include "ModelCommon.h"

static const rectify_tensor_info inputs[] = {
    {"x", RECTIFY_DTYPE_F32, 2, {-1, 3}}};
static const rectify_tensor_info outputs[] = {
    {"y", RECTIFY_DTYPE_F32, 2, {-1, 3}}};
static const rectify_model_info info = {
    RECTIFY_ABI_VERSION, "double", 1, 1, inputs, outputs};

const rectify_model_info *rectify_model_get_info(void) { return &info; }

int rectify_model_run(const rectify_tensor *in, rectify_tensor *out,
                      char *error, size_t error_size) {
  if (!in || !out) {
    if (error)
      snprintf(error, error_size, "null tensor array");
    return RECTIFY_ERROR_ARGUMENT;
  }
  int64_t batch = -1;
  int status = check_tensor(&in[0], &inputs[0], &batch, error, error_size);
  if (status == RECTIFY_OK)
    status = check_tensor(&out[0], &outputs[0], &batch, error, error_size);
  if (status != RECTIFY_OK)
    return status;
  const float *x = (const float *)in[0].data;
  float *y = (float *)out[0].data;
  for (int64_t i = 0; i < batch * 3; ++i)
    y[i] = 2.0f * x[i];
  return RECTIFY_OK;
}
