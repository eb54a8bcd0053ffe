"""models layer (see docs/architecture.md)."""

from longwalk.models._validate import ModelRangeWarning

__all__ = ["ModelRangeWarning"]
