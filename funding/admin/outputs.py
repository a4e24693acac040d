"""What the review produces for people outside it: decision letters, statistics (owned by the outputs work).

``urls(model_admin)`` returns extra admin URLs registered under the application admin;
``ACTIONS`` are admin actions added to the application list.
"""

from __future__ import annotations


def urls(model_admin) -> list:
    return []


ACTIONS: list = []
