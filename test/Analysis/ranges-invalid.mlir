// RUN: not rectify-opt %s -rect-print-ranges="input-ranges=x=1:0" -o /dev/null 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not rectify-opt %s -rect-print-ranges="input-ranges=x=a:b" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// EMPTY: error: input-ranges: empty interval '1:0' for 'x': LO > HI
// BAD: error: input-ranges: bad interval 'a:b' for 'x': expected LO:HI
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
