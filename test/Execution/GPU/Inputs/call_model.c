/* A C caller of a compiled 32-input, 10-output model named "model": built
 * unchanged against the CPU and the Vulkan library of the same ONNX file.
 * Prints the status and the outputs of one batch of 2, then the status of a
 * call with a wrong input shape. */
#include "libmodel.h"

#include <stdio.h>

int main(void) {
  float x[2 * 32], y[2 * 10];
  for (int i = 0; i < 2 * 32; ++i)
    x[i] = (float)((i * 7) % 13) / 13.0f - 0.5f;
  rectify_tensor input = {x, 2, {2, 32}};
  rectify_tensor output = {y, 2, {2, 10}};
  char error[256];
  int status = model_run(&input, &output, error, sizeof(error));
  printf("status %d\n", status);
  for (int i = 0; i < 2 * 10; ++i)
    printf("%.3f\n", y[i]);
  rectify_tensor wrong = {x, 2, {2, 31}};
  status = model_run(&wrong, &output, error, sizeof(error));
  printf("wrong shape: status %d: %s\n", status, error);
  return 0;
}
