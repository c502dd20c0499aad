"""One call that makes a notebook deterministic: ``kp.setup_notebook()``.

Lessons, exercises and reports call it in their first code cell. It fixes what
would otherwise make two runs differ or make outputs noisy: the random seed, pandas
display options, the plotting theme and backend, and warnings from third-party
libraries that a trainee cannot act on. A refusal by kopedu (a :class:`KopeduError`:
percentages that do not add up, a file with problems) shows as its Indonesian message
alone, without a traceback through library code.
"""

from __future__ import annotations

import logging
import random
import warnings
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["SEED", "setup_notebook"]

SEED = 20230624  # the date of the Kutai Timur article (angkatan III)


def _show_kopedu_error(
    shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: Any = None
) -> list[str]:
    """IPython handler: a kopedu refusal shows its message, not a library traceback."""
    stb = [f"{etype.__name__}: {value}"]
    shell._showtraceback(etype, value, stb)
    return stb


def _install_error_display() -> None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return
    from kopedu.errors import KopeduError

    shell.set_custom_exc((KopeduError,), _show_kopedu_error)


def setup_notebook(seed: int = SEED, *, plots: bool = True) -> None:
    """Prepare a notebook for reproducible, readable output.

    Parameters
    ----------
    seed : int
        Seed for :mod:`random` and NumPy's legacy global generator. Library code
        itself uses ``numpy.random.default_rng(seed)`` explicitly.
    plots : bool, default True
        Also set the seaborn theme used across kopedu.

    Examples
    --------
    >>> setup_notebook(plots=False)
    """
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - for trainee code that uses the global API
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 80)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    logging.getLogger("kopedu").setLevel(logging.WARNING)
    _install_error_display()
    if plots:
        from kopedu.plots import set_theme

        set_theme()
