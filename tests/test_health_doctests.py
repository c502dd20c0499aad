"""The runnable examples in kopedu.health's docstrings stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kopedu.health

MODULES = sorted(m.name for m in pkgutil.iter_modules(kopedu.health.__path__, "kopedu.health."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
