#!/usr/bin/env python3
"""Writes the .npy fixtures that NpyFixtureTest reads, with numpy itself, and a manifest
(expected.txt) of what each file holds. Run from this directory when the fixtures must change:

    python3 make_fixtures.py

The files are committed; the tests need neither python nor numpy.

Manifest lines: file;kind;rows;cols;values   (kind: points or labels; values in C (row) order,
                                              space-separated, as Python repr of the float64 or text value)
"""
import os

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))

SIGNED = np.array([[0, 1, -2, 3], [-4, 5, 6, -7], [8, -9, 10, 11]], dtype=np.int64)
UNSIGNED = np.array([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], dtype=np.uint64)
FLOATS = np.array([[0.0, 1.5, -2.25, 3e-7], [-4.0, 5.125, 6e10, -7.5], [8.0, -9.0, 1e-3, 11.0]])

# (dtype name, base values, extreme value placed at [2, 3] to check the full range is decoded)
DTYPES = [
    ("float16", np.where(np.abs(FLOATS) > 6e4, 6e4, FLOATS).astype(np.float16).astype(np.float64), None),
    ("float32", FLOATS, None),
    ("float64", FLOATS, None),
    ("int8", SIGNED, -128),
    ("int16", SIGNED, -32768),
    ("int32", SIGNED, -2147483648),
    ("int64", SIGNED, -(2 ** 40) - 1),
    ("uint8", UNSIGNED, 255),
    ("uint16", UNSIGNED, 65535),
    ("uint32", UNSIGNED, 4294967295),
    ("uint64", UNSIGNED, 2 ** 64 - 1),
    ("bool", np.array([[1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 0, 1]]), None),
]


def save(name, arr, version=None):
    with open(os.path.join(HERE, name), "wb") as f:
        if version is None:
            np.save(f, arr)
        else:
            npformat.write_array(f, arr, version=version)


def values(arr):
    return " ".join(repr(float(v)) if arr.dtype.kind != "U" else v for v in np.ascontiguousarray(arr).ravel())


def main():
    lines = []
    for name, base, extreme in DTYPES:
        a = np.array(base, dtype=name) if name != "bool" else base.astype(bool)
        if extreme is not None:
            a[2, 3] = extreme
        for order in ("C", "F"):
            arr = np.asarray(a, order=order)
            assert arr.flags.f_contiguous == (order == "F") and arr.flags.c_contiguous == (order == "C")
            fname = f"{name}_{order}.npy"
            save(fname, arr)
            lines.append(f"{fname};points;{arr.shape[0]};{arr.shape[1]};{values(arr.astype(np.float64))}")
    # format versions 2.0 and 3.0 (numpy writes 1.0 whenever the header fits)
    for version in ((2, 0), (3, 0)):
        for order in ("C", "F"):
            arr = np.asarray(FLOATS.astype(np.float32), order=order)
            fname = f"float32_{order}_v{version[0]}.npy"
            save(fname, arr, version)
            lines.append(f"{fname};points;3;4;{values(arr.astype(np.float64))}")
    # a taller Fortran array whose row count is not a multiple of anything convenient
    tall = np.asfortranarray(np.arange(7 * 3, dtype=np.float64).reshape(7, 3) * 0.5 - 3)
    save("tall_F.npy", tall)
    lines.append(f"tall_F.npy;points;7;3;{values(tall)}")
    # labels
    ints = np.array([3, -1, 3, 7, 0], dtype=np.int64)
    save("labels_int64.npy", ints)
    lines.append(f"labels_int64.npy;labels;5;1;{values(ints.astype(np.float64))}")
    col = np.asfortranarray(np.array([[2], [0], [2], [1]], dtype=np.uint8))
    save("labels_uint8_column_F.npy", col)
    lines.append(f"labels_uint8_column_F.npy;labels;4;1;{values(col.astype(np.float64))}")
    text = np.array(["cat", "dog", "cat", "emu"])
    save("labels_unicode.npy", text)
    lines.append(f"labels_unicode.npy;labels;4;1;{values(text)}")
    with open(os.path.join(HERE, "expected.txt"), "w") as f:
        f.write("# written by make_fixtures.py with numpy " + np.__version__ + "\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
