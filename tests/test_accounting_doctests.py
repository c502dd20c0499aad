"""The runnable examples in kopedu.accounting's docstrings stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kopedu.accounting

MODULES = sorted(
    ["kopedu.accounting"]
    + [m.name for m in pkgutil.iter_modules(kopedu.accounting.__path__, "kopedu.accounting.")]
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
