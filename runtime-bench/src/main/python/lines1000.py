"""Writes a 1,000-line Python program (definitions, a class, calls, a loop) to standard output, the start-up
benchmark's 'script' case: compiling it is part of what is measured."""
print('"""A generated 1,000-line program: compiled and run once."""')
print("total = 0")
n = 2
i = 0
while n < 990:
    print(f"def f{i}(x):")
    print(f"    y = x * {i} + {i % 7}")
    print(f"    return y if y % 2 else -y")
    print(f"total += f{i}({i})")
    n += 4
    i += 1
print("class C:")
print("    def m(self, k):")
print("        return [j * k for j in range(10)]")
print("for k in range(10):")
print("    total += sum(C().m(k))")
print("assert isinstance(total, int)")
print("result = str(total)")
print("del result")
print("total += 1")
print("total -= 1")
