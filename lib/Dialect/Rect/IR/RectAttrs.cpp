//===- RectAttrs.cpp - rect dialect attributes ----------------------------===//
//
// The activation attribute: parsing, printing, verification and the facts the
// passes ask of an activation.
//
//===----------------------------------------------------------------------===//

#include "rectify/Dialect/Rect/IR/RectOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace rectify::rect;

#include "rectify/Dialect/Rect/IR/RectEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "rectify/Dialect/Rect/IR/RectAttrs.cpp.inc"

void RectDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "rectify/Dialect/Rect/IR/RectAttrs.cpp.inc"
      >();
}

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Values a parameter takes when the textual form leaves it out.
std::pair<double, double> defaultParameters(ActivationKind kind) {
  switch (kind) {
  case ActivationKind::leaky_relu:
    return {0.01, 0.0};
  case ActivationKind::clip:
    return {-kInf, kInf};
  case ActivationKind::elu:
    return {1.0, 0.0};
  case ActivationKind::selu:
    return {1.67326319217681884765625, 1.05070102214813232421875};
  case ActivationKind::hard_sigmoid:
    return {0.2, 0.5};
  default:
    return {0.0, 0.0};
  }
}
} // namespace

std::pair<StringRef, StringRef> ActivationAttr::getParameterNames() const {
  switch (getKind()) {
  case ActivationKind::leaky_relu:
  case ActivationKind::elu:
    return {"alpha", ""};
  case ActivationKind::clip:
    return {"min", "max"};
  case ActivationKind::selu:
    return {"alpha", "gamma"};
  case ActivationKind::hard_sigmoid:
    return {"alpha", "beta"};
  default:
    return {"", ""};
  }
}

bool ActivationAttr::isNonNegative() const {
  switch (getKind()) {
  case ActivationKind::relu:
  case ActivationKind::relu6:
  case ActivationKind::sigmoid:
  case ActivationKind::softplus:
  case ActivationKind::hard_sigmoid:
    return true;
  case ActivationKind::clip:
    return getAlphaValue() >= 0.0;
  default:
    return false;
  }
}

LogicalResult
ActivationAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ActivationKind kind, APFloat alphaValue,
                       APFloat betaValue) {
  double alpha = alphaValue.convertToDouble();
  double beta = betaValue.convertToDouble();
  if (std::isnan(alpha) || std::isnan(beta))
    return emitError() << "activation parameters must not be NaN";
  if (kind != ActivationKind::clip && (std::isinf(alpha) || std::isinf(beta)))
    return emitError() << stringifyActivationKind(kind)
                       << " activation parameters must be finite";
  if (kind == ActivationKind::clip && alpha > beta)
    return emitError() << "clip activation needs min <= max, got min = "
                       << alpha << ", max = " << beta;
  return success();
}

Attribute ActivationAttr::parse(AsmParser &parser, Type) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() || parser.parseKeyword(&keyword))
    return {};
  std::optional<ActivationKind> kind = symbolizeActivationKind(keyword);
  if (!kind) {
    parser.emitError(loc, "unknown activation '") << keyword << "'";
    return {};
  }
  auto [alpha, beta] = defaultParameters(*kind);
  // Names of the parameters this kind takes, in order.
  StringRef names[2];
  std::tie(names[0], names[1]) =
      ActivationAttr::get(parser.getContext(), *kind, 0, 0).getParameterNames();
  bool first = true;
  bool seen[2] = {false, false};
  while (!names[0].empty() && failed(parser.parseOptionalGreater())) {
    if (!first && parser.parseComma())
      return {};
    first = false;
    StringRef name;
    SMLoc nameLoc = parser.getCurrentLocation();
    double value;
    if (parser.parseKeyword(&name) || parser.parseEqual() ||
        parser.parseFloat(value))
      return {};
    int index = name == names[0]                          ? 0
                : (!names[1].empty() && name == names[1]) ? 1
                                                          : -1;
    if (index < 0) {
      InFlightDiagnostic diag = parser.emitError(nameLoc, "activation '")
                                << keyword << "' has no parameter '" << name
                                << "'";
      if (names[1].empty())
        diag << " (expected '" << names[0] << "')";
      else
        diag << " (expected '" << names[0] << "' or '" << names[1] << "')";
      return {};
    }
    if (seen[index]) {
      parser.emitError(nameLoc, "parameter '") << name << "' given twice";
      return {};
    }
    seen[index] = true;
    (index == 0 ? alpha : beta) = value;
  }
  if (names[0].empty() && failed(parser.parseOptionalGreater())) {
    parser.emitError(parser.getCurrentLocation(), "activation '")
        << keyword << "' takes no parameters";
    return {};
  }
  return ActivationAttr::getChecked([&] { return parser.emitError(loc); },
                                    parser.getContext(), *kind, APFloat(alpha),
                                    APFloat(beta));
}

void ActivationAttr::print(AsmPrinter &printer) const {
  printer << "<" << stringifyActivationKind(getKind());
  auto [alphaName, betaName] = getParameterNames();
  bool first = true;
  auto printParam = [&](StringRef name, double value) {
    // Unbounded clip limits are left out rather than printed as infinities.
    if (name.empty() || std::isinf(value))
      return;
    printer << (first ? " " : ", ") << name << " = ";
    printer.printFloat(llvm::APFloat(value));
    first = false;
  };
  printParam(alphaName, getAlphaValue());
  printParam(betaName, getBetaValue());
  printer << ">";
}
