"""The store: the only layer that talks to the database."""

from __future__ import annotations
