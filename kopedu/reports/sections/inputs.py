"""The data report sections read besides the published figures: the region's registry.

A report about a real region uses a registry only when the trainer gives one (their own
file); the bundled synthetic registry only in a demo report. A batch reads the trainer's
file once and hands the registry to each region's report through this module's
per-process cache (:func:`preload`), so that no worker reads and validates it again.
"""

from __future__ import annotations

import threading
from typing import Any

from kopedu.regions import Region

__all__ = ["preload", "registry_for"]

_CACHE: dict[str, Any] = {}
_LOCK = threading.Lock()


def preload(path: str, registry: Any) -> None:
    """Hand a registry that was already read and validated to this process's reports."""
    with _LOCK:
        _CACHE[str(path)] = registry


def registry_for(region: Region, registry_file: str = "", *, demo: bool = False):
    """The registry of ``region``, or ``None`` (the report shows published figures only).

    The trainer's file, or the synthetic one (demo only).
    """
    if registry_file:
        with _LOCK:
            registry = _CACHE.get(registry_file)
        if registry is None:
            from kopedu.registry.loader import load_registry

            registry = load_registry(registry_file)
        return registry.for_region(region)
    if demo:
        from kopedu.registry.synthetic import load_synthetic

        return load_synthetic().for_region(region)
    return None
