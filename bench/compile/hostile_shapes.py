"""The issue-18 hostile shapes: module shapes that multiply two guest-chosen numbers (block
parameters x nesting, block results x branches, br_table targets x depth, calls x hot locals,
locals x functions, parameters x functions, select chains), generated at any size. The same
shapes as Tests/KeelTests/HostileShapes.swift, which holds the JIT to its machine-code bound.
"""


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload


def vector(items):
    return leb(len(items)) + b"".join(items)


I32, I64 = 0x7F, 0x7E
MAX_FUNCTIONS = 9_999  # below the contract profile's 10,000


def functype(params, results):
    return b"\x60" + leb(len(params)) + bytes(params) + leb(len(results)) + bytes(results)


def module(types, functions):
    """functions: (type index, [(count, type)], body without end); the first is exported."""
    out = b"\x00asm\x01\x00\x00\x00" + section(1, vector(types))
    out += section(3, vector([leb(t) for t, _, _ in functions]))
    out += section(7, vector([leb(2) + b"f0" + b"\x00\x00"]))
    bodies = []
    for _, locals_, body in functions:
        entry = vector([leb(n) + bytes([t]) for n, t in locals_]) + body + b"\x0b"
        bodies.append(leb(len(entry)) + entry)
    return out + section(10, vector(bodies))


BODY = 256 << 10  # bytes per function at most, well below the contract's 512 KiB body limit


def each(size):
    """Bytes per function when `size` bytes are split into functions of at most BODY."""
    return size // max(1, -(-size // BODY))


def fill(piece, size):
    return piece * max(1, each(size) // len(piece))


def copies(size, body):
    """Functions of `body` filling `size` bytes (one at least)."""
    return min(MAX_FUNCTIONS, max(1, round(size / (len(body) + 4))))


def if_parameters(size, parameters=1, depth=8):
    values = [I64] * parameters
    nest = b"\x41\x01\x04\x01" * depth + b"\x0b" * depth
    body = b"\x42\x00" * parameters + fill(nest, size) + b"\x1a" * parameters
    return module([functype([], []), functype(values, values)], [(0, [], body)] * copies(size, body))


def branch_values(size, arity=4):
    body = b"\x02\x01" + b"\x42\x00" * (arity + 1) + fill(b"\x41\x00\x0d\x00", size) + b"\x0c\x00\x0b" + b"\x1a" * arity
    return module([functype([], []), functype([], [I64] * arity)], [(0, [], body)] * copies(size, body))


def br_table_depth(size, arity=1, depth=255):
    body = b"\x02\x01" * depth + b"\x42\x00" * arity
    for level in range(depth):
        targets = depth - level
        body += b"\x41\x00\x0e" + leb(targets - 1) + b"".join(leb(k) for k in range(targets - 1)) + leb(targets - 1) + b"\x0b"
    body += b"\x1a" * arity
    return module([functype([], []), functype([], [I64] * arity)], [(0, [], body)] * copies(size, body))


def calls_hot_locals(size, locals_=16):
    use = b"".join(b"\x20" + leb(k) + b"\x21" + leb(k) for k in range(locals_))
    body = b"\x03\x40" + use + b"\x0b" + fill(b"\x10\x01", size)
    return module([functype([], [])], [(0, [], b"")] + [(0, [(locals_, I64)], body)] * copies(size, body))


def locals_functions(size, locals_=100):
    count = min(MAX_FUNCTIONS, max(1, size // (6 + len(leb(locals_)))))
    return module([functype([], [])], [(0, [(locals_, I64)], b"")] * count)


def parameters_functions(size, parameters=128):
    count = min(MAX_FUNCTIONS, max(1, size // 5))
    return module([functype([I64] * parameters, [])], [(0, [], b"")] * count)


def select_chain(size):
    body = b"\x41\x01" + fill(b"\x41\x02\x41\x00\x1b", size) + b"\x1a"
    return module([functype([], [])], [(0, [], body)] * copies(size, body))


# (name, generator) in the order the tables print them.
SHAPES = [
    ("if parameters x nesting", if_parameters),
    ("block results x br_if", branch_values),
    ("br_table x depth", br_table_depth),
    ("calls x hot locals", calls_hot_locals),
    ("locals x functions", locals_functions),
    ("parameters x functions", parameters_functions),
    ("select chain", select_chain),
]
