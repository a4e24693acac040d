"""Rows of the authorization matrix kept by the apps that own the URLs (one module per app)."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def fragments() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    ]
