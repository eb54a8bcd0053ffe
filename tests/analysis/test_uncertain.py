"""The registry of uncertain inputs and the overrides that apply them."""

from __future__ import annotations

import pytest
from helpers import person, scenario

from longwalk.analysis.uncertain import FACTORS, apply_factors, factor, favourable


def _sc():
    return scenario([person("a", body_fat=0.1, fitness=0.9), person("b", body_fat=None)])


def test_every_factor_has_a_range_around_as_written_and_a_basis():
    for f in FACTORS:
        assert f.low < f.nominal < f.high, f.name
        assert f.favourable in ("low", "high") and "ESTIMATE" in f.basis
        assert len({g.name for g in FACTORS}) == len(FACTORS)


def test_factors_scale_or_shift_every_person_and_food_within_the_schema_bounds():
    sc = _sc()
    out = apply_factors(sc, {"body fat": 1.5, "fitness": 0.15, "food carried": 0.5, "water containers": 2.0})
    assert out.party[0].body_fat == pytest.approx(0.15)
    assert out.party[1].body_fat is None  # estimated from the body: left to the estimate
    assert out.party[0].fitness == 1.0  # 0.9 + 0.15 clipped to the schema's upper bound
    assert out.party[1].fitness == pytest.approx(0.75)
    assert out.supplies.food[0].mass == pytest.approx(sc.supplies.food[0].mass * 0.5)
    assert out.supplies.water_capacity == pytest.approx(sc.supplies.water_capacity * 2.0)
    assert apply_factors(sc, {f.name: f.nominal for f in FACTORS}) == sc


def test_favourable_mode_sets_every_factor_at_its_favourable_end():
    sc = _sc()
    best = favourable(sc)
    assert best.party[1].body_mass == pytest.approx(sc.party[1].body_mass * factor("body mass").high)
    assert best.supplies.load_other == pytest.approx(sc.supplies.load_other * factor("other load").low)


def test_an_unknown_factor_names_the_valid_ones():
    with pytest.raises(KeyError, match="body fat"):
        factor("luck")
