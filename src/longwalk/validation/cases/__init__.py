"""The validation cases, one module per topic; importing this package registers them all."""

from longwalk.validation.cases import altitude, cold, expeditions, journey, pace, starvation, water  # noqa: F401
