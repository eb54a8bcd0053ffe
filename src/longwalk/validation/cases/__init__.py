"""The validation cases, one module per topic; importing this package registers them all."""

from longwalk.validation.cases import (  # noqa: F401
    altitude,
    cold,
    expeditions,
    injury,
    journey,
    pace,
    starvation,
    water,
)
