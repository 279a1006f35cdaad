"""Writes tensor-text.json: how PyTorch prints tensors, the reference for src/notebook/tensorText.ts.

    .venv/bin/python test/notebook/tensor-text.py

Each case holds a tensor's flat values, shape and dtype, and `repr(tensor)` from PyTorch with default print
options. tfjs names dtypes without the `torch.` prefix, so a tensor that shows its dtype is printed by PyTorch's own
functions (_tensor_str for the values, _add_suffixes for the suffixes) with `dtype=int32` for `dtype=torch.int32`:
the shorter suffix can change where PyTorch would break the line.
"""
import json
import math
import os

import torch

torch.manual_seed(0)
DTYPES = {"float32": torch.float32, "int32": torch.int32, "bool": torch.bool}


def tfjs_repr(tensor):
    """repr(tensor) with tfjs's dtype names, laid out by PyTorch's own printing functions."""
    from torch._tensor_str import _add_suffixes, _tensor_str

    prefix = "tensor("
    suffixes = []
    if tensor.numel() == 0 and tensor.dim() != 1:
        suffixes.append("size=" + str(tuple(tensor.shape)))
    if tensor.numel() == 0 and tensor.dtype != torch.float32 or tensor.dtype not in (torch.float32, torch.bool):
        suffixes.append("dtype=" + str(tensor.dtype).replace("torch.", ""))
    body = _tensor_str(tensor, len(prefix)) if tensor.numel() > 0 else "[]"
    return _add_suffixes(prefix + body, suffixes, len(prefix), force_newline=False)


def case(name, tensor):
    dtype = next(key for key, value in DTYPES.items() if value == tensor.dtype)
    flat = tensor.reshape(-1).tolist()
    values = [v if not isinstance(v, float) or math.isfinite(v) else str(v) for v in flat]
    text = repr(tensor) if tensor.dtype in (torch.float32, torch.bool) and tensor.numel() > 0 else tfjs_repr(tensor)
    return {"name": name, "values": values, "shape": list(tensor.shape), "dtype": dtype, "expected": text}


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


nan, inf = float("nan"), float("inf")
CASES = [
    case("2-D floats", f32([[1.5, 2.0], [3.0, 4.0]])),
    case("a scalar", f32(0.17551)),
    case("an integer-valued scalar", f32(3.0)),
    case("int32", torch.tensor([0, 2], dtype=torch.int32)),
    case("an int32 scalar", torch.tensor(-7, dtype=torch.int32)),
    case("integer-valued floats", f32([1.0, 2.0, 3.0])),
    case("zeros only", f32([0.0, 0.0])),
    case("negative zero among floats", f32([-0.0, 1.5])),
    case("negative floats", f32([-1.25, 3.5, 10.0])),
    case("small magnitudes: scientific", f32([1e-5, 1.0])),
    case("wide range: scientific", f32([1.0, 2000.5])),
    case("large integers: scientific", f32([1e10, 1.0])),
    case("above 1e8: scientific", f32([123456789.0, 1.5])),
    case("nan and infinities", f32([nan, inf, -inf, 1.5])),
    case("nan among integer-valued floats", f32([nan, 1.0, 2.0])),
    case("only nan and zero", f32([nan, 0.0])),
    case("a tie rounds to even", f32([0.03125, 1.5])),
    case("rounding carries a digit", f32([9.99995, 0.5])),
    case("bool", torch.tensor([True, False, True])),
    case("empty", f32([])),
    case("empty 2-D", torch.zeros(0, 3)),
    case("empty int32", torch.tensor([], dtype=torch.int32)),
    case("empty bool", torch.zeros(2, 0, dtype=torch.bool)),
    case("a long vector wraps at 80 columns", torch.arange(30, dtype=torch.float32) * 0.37),
    case("a long int32 vector wraps", torch.arange(50, dtype=torch.int32)),
    case("3-D", torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 7),
    case("4-D", torch.randn(2, 2, 2, 3)),
    case("a wide matrix wraps each row", torch.randn(2, 15)),
    case("a summarised vector", torch.randn(2000)),
    case("exactly 1000 elements: printed whole", torch.arange(1000, dtype=torch.int32).reshape(10, 100)),
    case("a summarised int32 vector", torch.arange(1001, dtype=torch.int32)),
    case("a summarised matrix", torch.randn(40, 40)),
    case("a summarised 3-D tensor", torch.randn(12, 10, 10)),
    case("summarised rows, short columns", torch.randn(600, 2)),
    case("summarised with scientific notation", torch.cat([torch.randn(1500) * 1e-6, torch.tensor([5.0])])),
    case("a long dtype suffix on its own line", torch.arange(20, dtype=torch.int32) * 1000000),
]

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensor-text.json")
with open(path, "w") as out:
    json.dump({"torch": torch.__version__, "cases": CASES}, out, indent=None, separators=(",", ":"))
    out.write("\n")
print(f"wrote {len(CASES)} cases to {path}")
