/*===- ModelCommon.h - Shape checks shared by the hand-written models -----===*
 *
 * The test models implement the Rectify model ABI by hand, the way a compiled
 * model must behave: check every shape before touching a buffer and report
 * which tensor and dimension is wrong.
 *
 *===----------------------------------------------------------------------===*/
#ifndef RECTIFY_TEST_MODELCOMMON_H
#define RECTIFY_TEST_MODELCOMMON_H

#include "rectify/Runtime/RectifyModel.h"

#include <stdio.h>

/* Checks `t` against `info` with -1 bound to *batch (set on first use).
 * Returns RECTIFY_OK or writes a message and returns RECTIFY_ERROR_SHAPE. */
static int check_tensor(const rectify_tensor *t,
                        const rectify_tensor_info *info, int64_t *batch,
                        char *error, size_t error_size) {
  if (!t->data) {
    if (error)
      snprintf(error, error_size, "%s: null data pointer", info->name);
    return RECTIFY_ERROR_ARGUMENT;
  }
  if (t->rank != info->rank) {
    if (error)
      snprintf(error, error_size, "%s: rank %d, expected %d", info->name,
               (int)t->rank, (int)info->rank);
    return RECTIFY_ERROR_SHAPE;
  }
  for (int d = 0; d < info->rank; ++d) {
    int64_t want = info->shape[d] < 0 ? *batch : info->shape[d];
    if (want < 0) {
      *batch = t->shape[d];
      continue;
    }
    if (t->shape[d] != want) {
      if (error)
        snprintf(error, error_size, "%s: dimension %d is %lld, expected %lld",
                 info->name, d, (long long)t->shape[d], (long long)want);
      return RECTIFY_ERROR_SHAPE;
    }
  }
  return RECTIFY_OK;
}

#endif /* RECTIFY_TEST_MODELCOMMON_H */
