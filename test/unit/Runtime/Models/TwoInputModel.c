/*===- TwoInputModel.c - sum and difference of two batched inputs ---------===*
 *
 * Outputs `sum` = a + b and `diff/0:1` = a - b; the second name is not a
 * valid file name, which exercises rectify-run's name sanitising.
 *
 *===----------------------------------------------------------------------===*/

#include "ModelCommon.h"

static const rectify_tensor_info inputs[] = {
    {"a", RECTIFY_DTYPE_F32, 2, {-1, 2}}, {"b", RECTIFY_DTYPE_F32, 2, {-1, 2}}};
static const rectify_tensor_info outputs[] = {
    {"sum", RECTIFY_DTYPE_F32, 2, {-1, 2}},
    {"diff/0:1", RECTIFY_DTYPE_F32, 2, {-1, 2}}};
static const rectify_model_info info = {
    RECTIFY_ABI_VERSION, "two_input", 2, 2, inputs, outputs};

const rectify_model_info *rectify_model_get_info(void) { return &info; }

int rectify_model_run(const rectify_tensor *in, rectify_tensor *out,
                      char *error, size_t error_size) {
  int64_t batch = -1;
  int status = RECTIFY_OK;
  for (int i = 0; i < 2 && status == RECTIFY_OK; ++i)
    status = check_tensor(&in[i], &inputs[i], &batch, error, error_size);
  for (int i = 0; i < 2 && status == RECTIFY_OK; ++i)
    status = check_tensor(&out[i], &outputs[i], &batch, error, error_size);
  if (status != RECTIFY_OK)
    return status;
  const float *a = (const float *)in[0].data, *b = (const float *)in[1].data;
  float *sum = (float *)out[0].data, *diff = (float *)out[1].data;
  for (int64_t i = 0; i < batch * 2; ++i) {
    sum[i] = a[i] + b[i];
    diff[i] = a[i] - b[i];
  }
  return RECTIFY_OK;
}
