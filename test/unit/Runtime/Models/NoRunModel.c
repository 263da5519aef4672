/*===- NoRunModel.c - a library that lacks rectify_model_run --------------===*/

#include "rectify/Runtime/RectifyModel.h"

static const rectify_model_info info = {
    RECTIFY_ABI_VERSION, "no_run", 0, 0, 0, 0};

const rectify_model_info *rectify_model_get_info(void) { return &info; }
