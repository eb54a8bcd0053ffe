"""ensemble layer (see docs/architecture.md)."""
