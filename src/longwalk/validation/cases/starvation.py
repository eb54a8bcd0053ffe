"""Validation cases: starvation (see longwalk.validation)."""

from __future__ import annotations

from longwalk.validation import case  # noqa: F401
