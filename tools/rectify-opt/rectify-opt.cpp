//===- rectify-opt.cpp - mlir-opt with the rect dialect and passes --------===//

#include "rectify/Conversion/Passes.h"
#include "rectify/Dialect/Rect/IR/RectDialect.h"
#include "rectify/Dialect/Rect/Transforms/Passes.h"
#include "rectify/Target/CPU/Passes.h"
#include "rectify/Target/GPU/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllPasses();
  rectify::cpu::registerCPUCodegenPasses();
  rectify::gpu::registerGPUCodegenPasses();
  rectify::gpu::registerGPUTranslations(registry);
  rectify::registerConversionPasses();
  rectify::registerRectTransformPasses();
  registry.insert<rectify::rect::RectDialect>();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Rectify optimizer driver\n", registry));
}
