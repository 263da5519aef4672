"""Prints a rect.linear with a 200x200 weight (40,000 elements, more than the
analysis keeps per element in a stored range): even rows all 1, odd rows
all -1, with a fused relu."""
n = 200
rows = ", ".join("[" + ", ".join(["1.0" if i % 2 == 0 else "-1.0"] * n) + "]" for i in range(n))
print('func.func @big(%%x: tensor<?x%dxf32> {rect.name = "x"}) -> tensor<?x%dxf32> {' % (n, n))
print('  %%w = rect.constant dense<[%s]> : tensor<%dx%dxf32>' % (rows, n, n))
print('  %%y = rect.linear %%x, %%w {activation = #rect.act<relu>} : (tensor<?x%dxf32>, tensor<%dx%dxf32>) -> tensor<?x%dxf32>' % (n, n, n, n))
print('  return %y : tensor<?x200xf32>')
print('}')
