//===- RectResizeOps.td - Resampling ops -------------------*- tablegen -*-===//
//
// Included at the end of RectOps.td, so the base classes defined there
// (Rect_Op, Rect_FloatTensor) are in scope. Verifier and type inference are
// in RectResizeOps.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef RECTIFY_DIALECT_RECT_IR_RECTRESIZEOPS_TD
#define RECTIFY_DIALECT_RECT_IR_RECTRESIZEOPS_TD

def Rect_ResizeMode : I32EnumAttr<"ResizeMode",
    "how rect.resize interpolates between input elements", [
    I32EnumAttrCase<"nearest", 0>,
    I32EnumAttrCase<"linear", 1>,
    I32EnumAttrCase<"cubic", 2>
  ]> {
  let cppNamespace = "::rectify::rect";
  let genSpecializedAttr = 0;
}
def Rect_ResizeModeAttr
    : EnumAttr<Rect_Dialect, Rect_ResizeMode, "resize_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Rect_ResizeCoordinates : I32EnumAttr<"ResizeCoordinates",
    "how rect.resize maps an output coordinate to an input coordinate", [
    I32EnumAttrCase<"half_pixel", 0>,
    I32EnumAttrCase<"half_pixel_symmetric", 1>,
    I32EnumAttrCase<"pytorch_half_pixel", 2>,
    I32EnumAttrCase<"align_corners", 3>,
    I32EnumAttrCase<"asymmetric", 4>,
    I32EnumAttrCase<"tf_half_pixel_for_nn", 5>,
    I32EnumAttrCase<"tf_crop_and_resize", 6>
  ]> {
  let cppNamespace = "::rectify::rect";
  let genSpecializedAttr = 0;
}
def Rect_ResizeCoordinatesAttr
    : EnumAttr<Rect_Dialect, Rect_ResizeCoordinates, "resize_coordinates"> {
  let assemblyFormat = "`<` $value `>`";
}

def Rect_NearestMode : I32EnumAttr<"NearestMode",
    "how nearest-neighbour resizing rounds an input coordinate", [
    I32EnumAttrCase<"round_prefer_floor", 0>,
    I32EnumAttrCase<"round_prefer_ceil", 1>,
    I32EnumAttrCase<"floor", 2>,
    I32EnumAttrCase<"ceil", 3>
  ]> {
  let cppNamespace = "::rectify::rect";
  let genSpecializedAttr = 0;
}
def Rect_NearestModeAttr
    : EnumAttr<Rect_Dialect, Rect_NearestMode, "nearest_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Rect_ResizeOp : Rect_Op<"resize", [InferTypeOpAdaptor]> {
  let summary = "Resample a tensor (ONNX Resize and Upsample)";
  let description = [{
    Output element `y[i]` is interpolated from the input
    around the input coordinate that each output index `i[d]` maps to.
    `scales[d]` is the scale of dim `d` in that mapping; the output size is
    `sizes[d]` when `sizes` is given, else `floor(in_d * scales[d])`
    (times `roi_end - roi_start` with `tf_crop_and_resize`). With `L_d` the
    resized length (`sizes[d]`, else `in_d * scales[d]`), `coordinates`
    maps `i` to:

    - `half_pixel`: `(i + 0.5) / scale - 0.5`
    - `half_pixel_symmetric`: the same plus `in / 2 * (1 - out / L)`
    - `pytorch_half_pixel`: as `half_pixel`, or `-0.5` when `L == 1`
    - `align_corners`: `i * (in - 1) / (L - 1)`, or `0` when `L == 1`
    - `asymmetric`: `i / scale`
    - `tf_half_pixel_for_nn`: `(i + 0.5) / scale`
    - `tf_crop_and_resize`: `start * (in - 1) + i * (end - start) * (in - 1)
      / (L - 1)` with `roi = [starts..., ends...]`; an output whose
      coordinate leaves `[0, in - 1]` in any dim is `extrapolation_value`.

    `nearest` reads the element at the coordinate rounded by `nearest_mode`;
    `linear` weighs the two neighbours of each resized dim (so 4-D NCHW input
    with scales `[1, 1, sh, sw]` is bilinear); `cubic` the four neighbours
    with the Keys kernel of parameter `cubic_coeff_a`, where
    `exclude_outside` drops the neighbours outside the input and
    renormalises. Indices outside the input are clamped to its edge.

    A dim of scale 1 whose size is unchanged is copied (this is the only
    thing a dynamic dim may do).

    ```mlir
    %y = rect.resize %x {scales = array<f64: 1.0, 1.0, 2.0, 2.0>,
                         mode = #rect.resize_mode<linear>,
                         coordinates = #rect.resize_coordinates<half_pixel>}
        : tensor<?x8x16x16xf32> -> tensor<?x8x32x32xf32>
    ```
  }];
  let arguments = (ins Rect_FloatTensor:$input,
                       DenseF64ArrayAttr:$scales,
                       OptionalAttr<DenseI64ArrayAttr>:$sizes,
                       Rect_ResizeModeAttr:$mode,
                       Rect_ResizeCoordinatesAttr:$coordinates,
                       DefaultValuedAttr<Rect_NearestModeAttr,
                         "::rectify::rect::NearestMode::round_prefer_floor">:$nearest_mode,
                       OptionalAttr<DenseF64ArrayAttr>:$roi,
                       DefaultValuedAttr<F32Attr, "0.0">:$extrapolation_value,
                       DefaultValuedAttr<F32Attr, "-0.75">:$cubic_coeff_a,
                       DefaultValuedAttr<BoolAttr, "false">:$exclude_outside);
  let results = (outs Rect_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// True when dim `dim` is copied unchanged: scale 1, same size, and a
    /// coordinate mapping that is the identity there.
    bool isCopiedDim(int64_t dim);
    /// The resized length L of dim `dim` used by the coordinate mappings.
    double getResizedLength(int64_t dim);
  }];
}

#endif // RECTIFY_DIALECT_RECT_IR_RECTRESIZEOPS_TD
