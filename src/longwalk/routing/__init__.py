"""routing layer (see docs/architecture.md)."""
