//===- RectFillOps.td - Constants sized by the dynamic batch -*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor) are in scope. The verifier is in
// RectFillOps.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTFILLOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTFILLOPS_TD

def Rect_FillOp : Rect_Op<"fill"> {
  let summary = "A tensor of one value whose dynamic dim follows another tensor's";
  let description = [{
    Every element is `value`. The result has exactly one dynamic dim, of
    `multiple` times the size of dim `source_dim` of `source` (a dynamic dim);
    only that size of `source` is read. This is a constant whose shape depends
    on the dynamic batch, e.g. the zero initial state `[layers, batch,
    hidden]` that exporters build with Shape -> Gather -> ConstantOfShape.

    ```mlir
    %h0 = rect.fill %x {source_dim = 0 : i64, value = 0.0 : f32}
        : tensor<?x10x8xf32> -> tensor<1x?x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$source, I64Attr:$source_dim,
                       DefaultValuedAttr<I64Attr, "1">:$multiple,
                       F32Attr:$value);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$source attr-dict `:` type($source) `->` type($output)";
  let hasVerifier = 1;
}

#endif // RECTIFY_DIALECT_RECT_IR_RECTFILLOPS_TD
