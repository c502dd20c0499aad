"""pyproject.toml and environment.yml list the same dependencies with the same ranges."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# conda-forge package names that differ from PyPI's.
CONDA_NAMES = {
    "pandera": "pandera-base",
    "matplotlib": "matplotlib-base",
    "seaborn": "seaborn-base",
    "nbconvert": "nbconvert-core",
    "types-pyyaml": "types-pyyaml",
}


def _split(req: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
    assert m, req
    return m.group(1).lower(), m.group(2).replace(" ", "")


def test_pyproject_and_environment_agree():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        wanted.update(_split(r) for r in extra if not r.startswith("kopedu"))
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_split(d) for d in env["dependencies"] if isinstance(d, str) and d not in {"pip"})
    conda.pop("python")
    expected = {CONDA_NAMES.get(name, name): spec for name, spec in wanted.items()}
    assert conda == expected


def test_every_dependency_has_a_range():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(meta["dependencies"]) + [
        r
        for extra in meta["optional-dependencies"].values()
        for r in extra
        if not r.startswith("kopedu")
    ]
    for req in reqs:
        _, spec = _split(req)
        assert ">=" in spec and "<" in spec, f"{req} needs a lower and an upper bound"


def test_pre_commit_runs_the_ruff_that_make_lint_runs():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (ruff,) = [r for r in meta["optional-dependencies"]["dev"] if r.startswith("ruff")]
    low = re.search(r">=([\d.]+)", ruff).group(1)
    high = re.search(r"<([\d.]+)", ruff).group(1)
    # A one-version range: >=X.Y.Z,<X.Y.(Z+1).
    major, minor, patch = (int(x) for x in low.split("."))
    assert high == f"{major}.{minor}.{patch + 1}"
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    (repo,) = [r for r in config["repos"] if r["repo"].endswith("ruff-pre-commit")]
    assert repo["rev"] == f"v{low}"
