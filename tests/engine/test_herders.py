"""Herders' camps met on the way (the ideal-gas encounter model, N = 2 r d D) and what they give: made-up steppe and
desert tracks, many runs of one day, checked against the hand formula within sampling error."""

from __future__ import annotations

import numpy as np
from engine_helpers import first_day_to_supplies, flat_track, person, plan_for, scenario
from scipy import stats

from longwalk.engine import phases
from longwalk.engine.registry import FactKind
from longwalk.models.hazards import DESERT, STEPPE, TAIGA

MILD = dict(air_temperature_max=18.0, air_temperature_min=8.0, relative_humidity=0.5)
RUNS = 4000


def _one_day(biome=STEPPE, country="MN", food_kg=30.0, runs=RUNS, seed=0, **policy):
    """One day on a flat track in ``country`` (its nearest settlement 1000 km away: none visited) of ``biome``."""
    track = flat_track(length=60_000.0, n=61, settlement_distance=1e6, country=country)
    sc = scenario([person("a"), person("b")], weather=MILD, policy=policy,
                  supplies=dict(food=[dict(kind="rations", mass=food_kg, energy_density=4000.0)], water=4.0,
                                water_capacity=4.0, sleeping_insulation=4.0, shelter="tent", fire="matches"))
    sc = sc.model_copy(update={"context": "fugitives"})  # the 1940s rates: herders may betray the hunted
    plan = plan_for(track)
    plan.track.biome = np.full(track.x.size, biome)
    today, state, food0 = first_day_to_supplies(sc, plan, runs, seed)
    # ground covered: the day's walk, 2 km of camp surroundings, 1 km per hour foraged (phases.supplies' search)
    searched = state.party_position + 2_000.0 + 1_000.0 * today.plan.forage
    return today, state, searched, food0


def _expected(radius, searched, per_km2):
    return 2.0 * radius * searched * per_km2 * 1e-6  # Hutchinson & Waser (2007): N = 2 r d D


def test_mean_camps_met_on_the_mongolian_steppe_is_2_r_d_D():
    today, state, searched, _ = _one_day()
    # hand value: 8 h at ~1.1 m/s ≈ 31.5 km walked + 2 km + 1 h foraging ≈ 34.5 km; 2 · 3 · 34.5 · 0.04 ≈ 8.3 camps
    lam = _expected(3_000.0, searched, 0.04)
    assert 7.5 < lam.mean() < 9.0
    met = today.herders_met
    assert abs(met.mean() - lam.mean()) < 4.0 * np.sqrt(lam.mean() / RUNS)
    # a Poisson count: variance equals the mean, and no camp at all with probability exp(-λ)
    assert abs(met.var() / met.mean() - 1.0) < 0.1
    assert abs((met == 0).mean() - np.exp(-lam).mean()) < 4.0 * np.sqrt(np.exp(-lam).mean() / RUNS) + 1e-3


def test_the_gobi_and_the_taiga_have_fewer_camps_than_the_steppe():
    steppe, _, s_steppe, _ = _one_day(STEPPE)
    desert, _, s_desert, _ = _one_day(DESERT)
    taiga, _, s_taiga, _ = _one_day(TAIGA, country="RU")
    lam_desert = _expected(3_000.0, s_desert, 0.013)  # a third of the steppe's density
    lam_taiga = _expected(300.0, s_taiga, 0.001)  # Evenk camps, seen only close by in the forest
    assert desert.herders_met.mean() < 0.5 * steppe.herders_met.mean()
    assert abs(desert.herders_met.mean() - lam_desert.mean()) < 4.0 * np.sqrt(lam_desert.mean() / RUNS)
    assert taiga.herders_met.mean() < 0.05  # 2 · 0.3 · 34.5 · 0.001 ≈ 0.02
    assert abs(taiga.herders_met.mean() - lam_taiga.mean()) < 4.0 * np.sqrt(lam_taiga.mean() / RUNS) + 1e-3
    # no camps are modelled where no density is estimated (here India)
    india, _, _, _ = _one_day(STEPPE, country="IN", runs=200)
    assert india.herders_met.sum() == 0


def test_a_hungry_party_is_fed_by_herders_at_the_hand_rate_and_not_without_resupply():
    # 1 kg of food for two is under HUNGRY_DAYS of ration: the party approaches the first camp it meets
    today, state, searched, food0 = _one_day(food_kg=1.0)
    lam = _expected(3_000.0, searched, 0.04)
    fed = np.zeros(RUNS, bool)
    fed[[i.run for i in today.incidents if i.kind == "food_given"]] = True
    betrayed = np.zeros(RUNS, bool)
    betrayed[[i.run for i in today.incidents if i.kind == "betrayed"]] = True
    # P(fed) = P(at least one camp) · (1 - betrayal 0.05) · help 0.8
    p_fed = ((1.0 - np.exp(-lam)) * 0.95 * 0.8).mean()
    assert abs(fed.mean() - p_fed) < 4.0 * np.sqrt(p_fed * (1 - p_fed) / RUNS)
    p_betrayed = ((1.0 - np.exp(-lam)) * 0.05).mean()
    assert abs(betrayed.mean() - p_betrayed) < 4.0 * np.sqrt(p_betrayed / RUNS) + 1e-3
    assert not (fed & betrayed).any()
    assert all(i.chain[0].kind in (FactKind.HERDERS_FED, FactKind.HERDERS_BETRAYED)
               for i in today.incidents if i.kind in ("food_given", "betrayed"))
    # fed: three days of ration each for two (rations 0.6 kg: the policy default) on top of what was left
    assert np.all(state.food[fed] > food0[fed])
    assert np.all(today.water_source[fed])
    # no resupply (a what-if control): camps are still seen, but nobody is asked for help
    today, state, _, food0 = _one_day(food_kg=1.0, resupply=False)
    assert today.herders_met.sum() > 0
    assert not any(i.kind in ("food_given", "betrayed") for i in today.incidents)
    assert np.all(state.food <= food0)


def test_a_party_with_food_and_water_passes_the_camps_by():
    today, state, _, food0 = _one_day(food_kg=30.0, runs=500)
    assert today.herders_met.sum() > 0
    assert not any(i.kind in ("food_given", "betrayed") for i in today.incidents)


def test_the_poisson_draw_inverts_the_cumulative_distribution_as_scipy_does():
    rng = np.random.default_rng(3)
    lam = rng.uniform(0.0, 15.0, 20_000)
    u = rng.random(20_000)
    np.testing.assert_array_equal(phases._poisson(lam, u), stats.poisson.ppf(u, lam).astype(np.int64))
    assert phases._poisson(np.zeros(3), np.array([0.0, 0.5, 0.999])).tolist() == [0, 0, 0]
