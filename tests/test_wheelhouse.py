"""The offline-room wheelhouse tool (tools/wheelhouse.py), without downloading anything.

The real download and the offline install into a fresh venv run with
`make wheelhouse wheelhouse-check` (minutes, hundreds of MiB: not in the suite).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "tools" / "wheelhouse.py")
wheelhouse = importlib.util.module_from_spec(_spec)
sys.modules["wheelhouse"] = wheelhouse
_spec.loader.exec_module(wheelhouse)


def test_every_os_is_covered_with_binary_wheels_only():
    assert set(wheelhouse.PLATFORMS) == {
        "linux-x86_64",
        "windows-amd64",
        "macos-arm64",
        "macos-x86_64",
    }
    for tags in wheelhouse.PLATFORMS.values():
        cmd = wheelhouse.download_command("kopedu.whl", Path("w"), "3.11", tags)
        assert "--only-binary=:all:" in cmd and "--no-binary" not in cmd
        assert [cmd[i + 1] for i, a in enumerate(cmd) if a == "--platform"] == list(tags)
        assert cmd[cmd.index("--abi") + 1] == "cp311"


def test_one_line_install_scripts_use_only_the_stick(tmp_path):
    paths = wheelhouse.write_scripts(tmp_path, "3.12")
    assert {p.name for p in paths} == {"pasang-linux.sh", "pasang-macos.sh", "pasang-windows.bat"}
    for p in paths:
        text = p.read_text(encoding="utf-8")
        assert "--no-index" in text and "--find-links" in text and "3.12" in text
        assert "mulai" in text
    assert (tmp_path / "pasang-linux.sh").stat().st_mode & 0o111
    bat = (tmp_path / "pasang-windows.bat").read_bytes()
    assert b"\r\n" in bat and b"py -3.12 -m venv" in bat


def test_the_check_ignores_this_machines_pip_configuration(monkeypatch):
    monkeypatch.setenv("PIP_FIND_LINKS", "/opt/wheels")
    env = wheelhouse._offline_env()
    assert "PIP_FIND_LINKS" not in env and env["PIP_CONFIG_FILE"] in ("/dev/null", "nul")
