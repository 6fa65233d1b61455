"""The ctypes mirror against the header compiled as C99."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

import pytest

from scopegate import _abi

HERE = pathlib.Path(__file__).resolve().parent
INCLUDE = HERE.parents[2] / "include"


def test_layout_matches_the_header(tmp_path: pathlib.Path) -> None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.fail("no C compiler to compile the header with")
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror",
                    "-I", str(INCLUDE), str(HERE / "layout.c"), "-o", str(exe)], check=True)
    want = json.loads(subprocess.run([str(exe)], check=True, capture_output=True,
                                     text=True).stdout)
    got = _abi.layout()
    assert set(want) == set(got)
    for struct in want:
        assert want[struct] == got[struct], struct
