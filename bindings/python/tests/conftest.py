"""Fixtures: the built plugin ($SCOPEGATE_MODULE) and configs in a scratch folder."""

from __future__ import annotations

import os
import pathlib
import shutil
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the package under test, not an installed one

import scopegate  # noqa: E402


@pytest.fixture(scope="session")
def plugin() -> str:
    path = os.environ.get("SCOPEGATE_MODULE")
    if not path or not os.path.exists(path):
        pytest.fail("set SCOPEGATE_MODULE to the built scopegate.so (ctest does)")
    return path


@pytest.fixture
def conf(tmp_path: pathlib.Path) -> pathlib.Path:
    """A writable copy of sample.conf: tests edit it and reload."""
    path = tmp_path / "scopegate.conf"
    shutil.copy(HERE / "sample.conf", path)
    os.chmod(path, 0o644)
    return path


def install(path: pathlib.Path, text: str) -> None:
    """Replace a config file atomically, as an operator's editor would."""
    tmp = path.with_suffix(".new")
    tmp.write_text(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


@pytest.fixture
def handle(plugin: str, conf: pathlib.Path):  # type: ignore[no-untyped-def]
    with scopegate.open(str(conf), plugin) as h:
        yield h
