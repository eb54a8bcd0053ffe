"""The registry of uncertain inputs: what a scenario does not know, how far it might be off, and which way helps.

``longwalk check`` sets every factor at its favourable end to decide whether a claim is impossible;
``longwalk whatif`` samples them for a sensitivity analysis and searches them for the changes a target needs.

Every factor is a change to the scenario (never to the code): it scales or shifts one field of every person, food
or the supplies, through :func:`apply_factors`, so the same overrides could be written by hand with ``--set``.
Engine and model constants marked ESTIMATE (foraging returns, help and betrayal rates) are not factors here: the
engine reads several of them inside compiled kernels, where patching a module constant would not take effect.
None of the factors enters the route plan, so a whole analysis reuses one plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from longwalk.scenario.schema import Scenario


@dataclass(frozen=True)
class Factor:
    """One uncertain input of a scenario.

    ``field`` is a path in the scenario: ``party.*.X`` is field X of every person, ``supplies.food.*.X`` field X
    of every food, ``supplies.X`` a supplies field.  ``how`` is ``scale`` (the value is multiplied by the factor)
    or ``shift`` (the factor is added).  ``favourable`` is the end that helps a party arrive alive.
    """

    name: str
    field: str
    how: Literal["scale", "shift"]
    low: float
    high: float
    favourable: Literal["low", "high"]
    lower_bound: float
    upper_bound: float
    basis: str

    @property
    def nominal(self) -> float:
        """The value that leaves the scenario as written."""
        return 1.0 if self.how == "scale" else 0.0

    @property
    def best(self) -> float:
        return self.high if self.favourable == "high" else self.low

    def words(self, value: float) -> str:
        """``body fat ×1.50`` or ``fitness +0.15``."""
        return f"{self.name} ×{value:.2f}" if self.how == "scale" else f"{self.name} {value:+.2f}"


FACTORS: tuple[Factor, ...] = (
    Factor("body fat", "party.*.body_fat", "scale", 0.7, 1.5, "high", 0.02, 0.6,
           "ESTIMATE: the scenarios guess body fat from descriptions; a body-fat estimate from body mass index alone "
           "is off by about 4-5 fat-percentage points (from memory of Deurenberg et al. 1991, Br J Nutr 65:105, SEE "
           "4.1 %), which at the 10-17 % given is a factor of about 0.7 to 1.5"),
    Factor("body mass", "party.*.body_mass", "scale", 0.9, 1.1, "high", 20.0, 250.0,
           "ESTIMATE: masses guessed from descriptions ('giant build', 'frail'); ±10 % is ±6-8 kg at the 60-80 kg "
           "given; favourable high because the fat fraction is kept, so a heavier body carries more reserve"),
    Factor("fitness", "party.*.fitness", "shift", -0.15, 0.15, "high", 0.0, 1.0,
           "ESTIMATE: fitness percentiles guessed from roles and ages; ±0.15 is a judgement of how far such a "
           "guess might be off"),
    Factor("clothing", "party.*.clothing_insulation", "scale", 0.75, 1.25, "high", 0.0, 6.0,
           "ESTIMATE: worn clothing in clo guessed from what the sources say people wore; ±25 % spans the clo of "
           "one garment layer more or less (ISO 9920 garment tables, from memory); favourable high for the cold "
           "journeys of the built-in scenarios (warmer clothing costs little in the heat, as walkers shed it)"),
    Factor("food carried", "supplies.food.*.mass", "scale", 0.5, 1.5, "high", 0.0, 1e6,
           "ESTIMATE: what escapees hoarded is not known (the scenarios' assumptions say so); half to one and a "
           "half times the guess"),
    Factor("water containers", "supplies.water_capacity", "scale", 0.5, 2.0, "high", 0.0, 1e6,
           "ESTIMATE: containers are guessed (a bottle or a tin per person); half to twice the guess"),
    Factor("other load", "supplies.load_other", "scale", 0.5, 1.5, "low", 0.0, 80.0,
           "ESTIMATE: the load besides food and water (clothes carried, tools) is guessed; half to one and a half "
           "times, favourable low (less to carry)"),
)
"""Every uncertain input, by name; the order is the order of the sensitivity tables."""


def factor(name: str) -> Factor:
    """The factor called ``name`` (KeyError naming the valid names otherwise)."""
    for f in FACTORS:
        if f.name == name:
            return f
    raise KeyError(f"no uncertain factor {name!r}; they are {', '.join(f.name for f in FACTORS)}")


def _apply(value: float, f: Factor, x: float) -> float:
    out = value * x if f.how == "scale" else value + x
    return min(max(out, f.lower_bound), f.upper_bound)


def apply_factors(scenario: Scenario, values: dict[str, float]) -> Scenario:
    """``scenario`` with each named factor set to ``values[name]`` (1 or 0 leaves a field as written).

    A person's ``body_fat`` left to be estimated stays estimated: scaling it needs a value.

    >>> from longwalk.scenario import load_scenario
    >>> s = load_scenario("the-long-walk-1941")
    >>> t = apply_factors(s, {"body fat": 1.5, "fitness": 0.1})
    >>> round(t.party[0].body_fat, 3), round(t.party[0].fitness, 2)
    (0.15, 0.8)
    """
    data = scenario.model_dump()
    for name, x in values.items():
        f = factor(name)
        parts = f.field.split(".")
        if parts[0] == "party":
            for person in data["party"]:
                if person[parts[2]] is not None:
                    person[parts[2]] = _apply(person[parts[2]], f, x)
        elif parts[:2] == ["supplies", "food"]:
            for food in data["supplies"]["food"]:
                food[parts[3]] = _apply(food[parts[3]], f, x)
        else:
            data[parts[0]][parts[1]] = _apply(data[parts[0]][parts[1]], f, x)
    return Scenario.model_validate(data)


def favourable(scenario: Scenario) -> Scenario:
    """``scenario`` with every factor at its favourable end (:attr:`Factor.best`)."""
    return apply_factors(scenario, {f.name: f.best for f in FACTORS})
