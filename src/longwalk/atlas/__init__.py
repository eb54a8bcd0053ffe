"""atlas layer (see docs/architecture.md)."""
