"""Daily weather generator: kernel against a pure-Python reference, climatology reproduction (statistical tests),
reproducibility, snow physics, extreme-day definitions and bad input."""

from __future__ import annotations

from dataclasses import fields
from types import SimpleNamespace

import numpy as np
import pytest

from longwalk.atlas import weather as w
from longwalk.atlas.climate import DailyNormals as Normals
from longwalk.errors import InputError

Z_LIMIT = 4.0  # two-sided z-test at about 6e-5 per comparison


class SeasonalClimate:
    """Synthetic daily normals with a sinusoidal seasonal cycle (a continental climate like Yakutsk's by default).

    Monthly normals of Yakutsk (WMO 1991-2020): about -37 °C in January, +19 °C in July, 240 mm a year peaking in
    July; diurnal range about 10 °C; here as smooth curves, not the real table.
    """

    def __init__(self, t_annual=-9.0, t_amplitude=28.0, dtr=10.0, p_annual=0.65, p_amplitude=0.5, wind=3.0, rh=0.7):
        self.t_annual, self.t_amplitude, self.dtr = t_annual, t_amplitude, dtr
        self.p_annual, self.p_amplitude, self.wind, self.rh = p_annual, p_amplitude, wind, rh

    def daily_normals(self, lat, lon, elevation, day_of_year):
        doy = np.asarray(day_of_year, dtype=float)
        phase = np.cos(2 * np.pi * (doy - 196) / 365)  # warmest and wettest mid-July
        t = self.t_annual + self.t_amplitude * phase
        p = self.p_annual * (1 + self.p_amplitude * phase)
        shape = np.broadcast(lat, lon, elevation, doy).shape
        full = lambda v: np.broadcast_to(v, shape).astype(float)  # noqa: E731
        return Normals(full(t), full(t - self.dtr / 2), full(t + self.dtr / 2), full(p), full(self.wind),
                       full(self.rh))


YEAR = np.arange("2023-01-01", "2024-01-01", dtype="datetime64[D]")
MONTH = YEAR.astype("datetime64[M]").astype(int) % 12


@pytest.fixture(scope="module")
def siberia():
    climate = SeasonalClimate()
    series = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-01-01", n_days=365, n_runs=3000, seed=11)
    normals = climate.daily_normals(62.0, 129.7, 100.0, np.arange(1, 366))
    return series, normals


def test_kernel_matches_pure_python_reference():
    climate = SeasonalClimate(t_annual=-2.0, t_amplitude=20.0, p_annual=2.0)  # rain, snow, melt, wet spells
    series = w.generate_weather(climate, 50.0, 100.0, 0.0, "2023-01-01", n_days=365, n_runs=4, seed=5)
    params = w._day_parameters(climate.daily_normals(50.0, 100.0, 0.0, np.arange(1, 366)), 365)
    for k in range(4):
        ref = w._reference_weather(params, int(series.final_state.key[k]), 365)
        for f in fields(w.DayWeather):
            expected = np.array([day[f.name] for day in ref])
            got = getattr(series, f.name)[k]
            if expected.dtype == bool:
                assert np.array_equal(got, expected), f.name
            else:
                np.testing.assert_allclose(got, expected, rtol=2e-5, atol=2e-4, err_msg=f.name)


def _ar1_variance_of_mean(sigma: np.ndarray, phi: float) -> float:
    """Var of the mean of x_i = sigma_i z_i with stationary AR(1) z: (1/N^2) sum_ij sigma_i sigma_j phi^|i-j|."""
    n = sigma.size
    lags = np.abs(np.subtract.outer(np.arange(n), np.arange(n)))
    return float(sigma @ (phi**lags) @ sigma) / n**2


def test_monthly_mean_temperature_matches_normals_within_ar1_sampling_error(siberia):
    series, normals = siberia
    sigma = w.temperature_anomaly_sd(normals.air_temperature_min, normals.air_temperature_max)
    runs = series.shape[0]
    for m in range(12):
        days = MONTH == m
        per_run = series.air_temperature_mean[:, days].astype(float).mean(axis=1)
        expected = normals.air_temperature_mean[days].mean()
        var = _ar1_variance_of_mean(sigma[days], w.TEMPERATURE_AUTOCORRELATION)
        z = (per_run.mean() - expected) / np.sqrt(var / runs)
        assert abs(z) < Z_LIMIT, (m + 1, per_run.mean(), expected, z)
        # the spread of monthly means is the one AR(1) theory gives: sampling sd of a variance ratio is sqrt(2/R)
        ratio = per_run.var(ddof=1) / var
        assert abs(ratio - 1) < Z_LIMIT * np.sqrt(2 / runs), (m + 1, ratio)


def test_daily_temperature_spread_and_autocorrelation(siberia):
    series, normals = siberia
    sigma = w.temperature_anomaly_sd(normals.air_temperature_min, normals.air_temperature_max)
    z = (series.air_temperature_mean - normals.air_temperature_mean) / sigma
    assert abs(z.std() - 1) < 0.01
    lag1 = np.mean(z[:, 1:] * z[:, :-1]) / z.var()
    assert abs(lag1 - w.TEMPERATURE_AUTOCORRELATION) < 0.01


def test_monthly_max_min_wind_and_precipitation_match_normals(siberia):
    series, normals = siberia
    runs = series.shape[0]
    for m in range(12):
        days = MONTH == m
        for name in ("air_temperature_max", "air_temperature_min", "wind_speed"):
            per_run = getattr(series, name)[:, days].astype(float).mean(axis=1)
            expected = getattr(normals, name)[days].mean()
            z = (per_run.mean() - expected) / (per_run.std(ddof=1) / np.sqrt(runs))
            assert abs(z) < Z_LIMIT, (name, m + 1, per_run.mean(), expected)
        totals = series.precipitation[:, days].astype(float).sum(axis=1)
        expected = normals.precipitation[days].sum()
        z = (totals.mean() - expected) / (totals.std(ddof=1) / np.sqrt(runs))
        assert abs(z) < Z_LIMIT, ("precipitation", m + 1, totals.mean(), expected)


def test_wet_day_frequency_and_persistence_follow_geng_markov_chain(siberia):
    series, normals = siberia
    wet = series.precipitation > 0
    f = w.wet_day_fraction(normals.precipitation)
    for m in (0, 6):
        days = MONTH == m
        assert abs(wet[:, days].mean() - f[days].mean()) < 0.01
        # Geng et al. (1986): P(wet | wet) - P(wet | dry) = 0.25 whatever f
        prev, today = wet[:, days][:, :-1], wet[:, days][:, 1:]
        p_ww = today[prev].mean()
        p_wd = today[~prev].mean()
        assert abs((p_ww - p_wd) - 0.25) < 0.02, (m + 1, p_ww, p_wd)


def test_same_seed_same_series_and_different_seeds_differ():
    climate = SeasonalClimate()
    a = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=60, n_runs=5, seed=3)
    b = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=60, n_runs=5, seed=3)
    c = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=60, n_runs=5, seed=4)
    for f in fields(w.DayWeather):
        assert np.array_equal(getattr(a, f.name), getattr(b, f.name)), f.name
    assert not np.any(np.all(a.air_temperature_mean == c.air_temperature_mean, axis=1))
    # runs within one seed differ from each other too
    assert len({tuple(r) for r in a.air_temperature_mean.round(3)}) == 5


def test_run_k_is_the_same_alone_or_in_a_batch():
    climate = SeasonalClimate()
    batch = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=40, n_runs=8, seed=9)
    alone = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=40, n_runs=1, seed=9, run_index=[6])
    for f in fields(w.DayWeather):
        assert np.array_equal(getattr(batch, f.name)[6], getattr(alone, f.name)[0]), f.name


def test_stepping_day_by_day_equals_the_series():
    climate = SeasonalClimate()
    series = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=30, n_runs=6, seed=2)
    state = w.init_weather(6, seed=2)
    for i, doy in enumerate(w.day_of_year(series.dates)):
        normals = climate.daily_normals(np.full(6, 62.0), 129.7, 100.0, np.full(6, doy))
        day, state = w.step_weather(state, normals, int(doy))
        for f in fields(w.DayWeather):
            assert np.array_equal(getattr(day, f.name), getattr(series, f.name)[:, i]), (i, f.name)
    assert state.step == 30
    np.testing.assert_array_equal(state.snow_water_equivalent, series.final_state.snow_water_equivalent)


def test_step_with_a_generator_is_reproducible_and_accepts_the_three_argument_form():
    normals = SeasonalClimate().daily_normals(60.0, 100.0, 0.0, 15)
    a, _ = w.step_weather(w.init_weather(10), normals, rng=np.random.default_rng(1))
    b, _ = w.step_weather(w.init_weather(10), normals, np.random.default_rng(1))
    c, _ = w.step_weather(w.init_weather(10), normals, np.random.default_rng(2))
    assert np.array_equal(a.air_temperature_mean, b.air_temperature_mean)
    assert not np.array_equal(a.air_temperature_mean, c.air_temperature_mean)


def test_seed_sequences_give_per_run_keys():
    children = np.random.SeedSequence(5).spawn(3)
    state = w.init_weather(3, keys=children)
    assert state.key[1] == children[1].generate_state(1, np.uint64)[0]


def test_snow_accumulates_in_a_siberian_winter_and_melts_in_spring():
    series = w.generate_weather(SeasonalClimate(), 62.0, 129.7, 100.0, "2023-09-01", n_days=330, n_runs=500, seed=6)
    depth = series.snow_depth
    day = {d: int(np.nonzero(series.dates == np.datetime64(d))[0][0])
           for d in ("2023-10-15", "2023-12-01", "2024-03-01", "2024-07-01")}
    swe = series.snow_water_equivalent
    # bare ground in September; the pack's water grows through the winter (its depth can shrink as it settles)
    assert np.mean(swe[:, day["2024-03-01"]] > swe[:, day["2023-10-15"]]) > 0.98  # a warm spell can melt early snow
    assert np.mean(swe[:, day["2023-12-01"]] > swe[:, day["2023-10-15"]]) > 0.95
    first_of_month = [np.nonzero(series.dates == np.datetime64(f"{d}-01"))[0][0]
                      for d in ("2023-11", "2023-12", "2024-01", "2024-02", "2024-03")]
    assert np.all(np.diff(swe[:, first_of_month].mean(axis=0)) > 0)
    assert np.all(depth[:, day["2024-03-01"]] > 0.02) and np.median(depth[:, day["2024-03-01"]]) > 0.15
    assert np.all(depth[:, day["2024-07-01"]] == 0)  # melted out by July
    # and it melts in spring: the pack is largest before May and gone within a few weeks of the thaw
    peak = np.argmax(depth, axis=1)
    assert np.all(series.dates[peak] < np.datetime64("2024-05-15"))


def test_degree_day_melt_and_fresh_snow_density_on_the_output():
    climate = SeasonalClimate(t_annual=0.0, t_amplitude=12.0, p_annual=1.5)
    series = w.generate_weather(climate, 55.0, 90.0, 0.0, "2023-01-01", n_days=365, n_runs=50, seed=1)
    swe = series.snow_water_equivalent.astype(float)
    t = series.air_temperature_mean.astype(float)
    snowfall = series.snowfall.astype(float)
    prev = np.concatenate([np.zeros((50, 1)), swe[:, :-1]], axis=1)
    # Melt: 4 mm per positive degree-day (Hock 2003 range 3-5), limited by the snow there is.
    expected = np.maximum(prev + snowfall - 4.0 * np.maximum(t, 0.0), 0.0)
    np.testing.assert_allclose(swe, expected, atol=2e-3)
    # First snow on bare ground has the fresh density of Hedstrom & Pomeroy (1998): 67.92 + 51.25 exp(T/2.59).
    first = (prev == 0) & (snowfall > 0.5) & (t < -1.0) & (swe > 0)
    assert first.sum() > 20
    rho = 67.92 + 51.25 * np.exp(t[first] / 2.59)
    np.testing.assert_allclose(series.snow_depth[first], swe[first] / rho, rtol=1e-4)


def test_rain_and_snow_partition():
    series = w.generate_weather(SeasonalClimate(p_annual=2.0), 55.0, 90.0, 0.0, "2023-01-01", 365, 200, seed=4)
    t, p, s = series.air_temperature_mean, series.precipitation, series.snowfall
    assert np.all(s[t < -1.0] == p[t < -1.0])
    assert np.all(s[t > 3.0] == 0)
    mid = (t > 0.9) & (t < 1.1) & (p > 0)
    np.testing.assert_allclose(s[mid] / p[mid], 0.5, atol=0.03)


def test_extreme_day_flags_follow_their_definitions(siberia):
    series, normals = siberia
    sigma = w.temperature_anomaly_sd(normals.air_temperature_min, normals.air_temperature_max)
    z = (series.air_temperature_mean - normals.air_temperature_mean) / sigma
    hot = z >= 1.2816
    three_hot = hot[:, 2:] & hot[:, 1:-1] & hot[:, :-2]
    edge = np.abs(z - 1.2816) < 1e-3  # float32 rounding could flip these
    clear = ~(edge[:, 2:] | edge[:, 1:-1] | edge[:, :-2])
    # heat wave on day t iff days t-2, t-1, t are all above the 90th percentile and the day reaches 30 °C (IMD)
    hot_enough = series.air_temperature_max[:, 2:] >= 30.0
    assert np.array_equal(series.heat_wave[:, 2:][clear], (three_hot & hot_enough)[clear])
    assert three_hot.mean() > 0.005 and 0.005 < series.cold_snap.mean() < 0.08
    assert series.heat_wave.mean() < 0.2 * three_hot.mean()  # Yakutsk's warm spells are rarely 30 °C days
    wind, snow = series.wind_speed, series.snowfall
    assert np.all(wind[series.blizzard] >= 7.7)
    assert np.all((snow[series.blizzard] >= 1.0) | (series.snow_depth[series.blizzard] >= 0.05))
    assert not series.sandstorm.any()  # a humid climate (normal RH 0.7) has no sandstorms


def test_sandstorms_only_in_an_arid_windy_climate():
    gobi = SeasonalClimate(t_annual=4.0, t_amplitude=18.0, p_annual=0.35, p_amplitude=0.9, wind=4.5, rh=0.4)
    series = w.generate_weather(gobi, 43.6, 104.4, 1470.0, "2023-01-01", n_days=365, n_runs=500, seed=8)
    storm = series.sandstorm
    assert storm.any()
    assert np.all(series.wind_speed[storm] >= 6.5) and np.all(series.precipitation[storm] == 0)
    assert np.all(series.snow_depth[storm] == 0)


def test_anomaly_spread_matches_gwgen_polynomials_by_hand():
    # -20 °C tmin, -10 °C tmax: GWGEN dry-day polynomials evaluated by hand
    sd_min = 3.56755661 + 0.11544588 * 20 + 0.02824401 * 400 - 0.00195612 * 8000 + 4.314e-05 * 160000 - 3.2e-07 * 3.2e6
    sd_max = 4.61701866 + 3.3872824 - 1.87566 + 0.3185 + 0.035 - 0.011
    assert w.temperature_anomaly_sd(-20.0, -10.0) == pytest.approx((sd_min + sd_max) / 2, rel=1e-9)
    # larger in a continental winter than in summer
    assert w.temperature_anomaly_sd(-42.0, -32.0) > 1.3 * w.temperature_anomaly_sd(14.0, 25.0)


def test_wind_weibull_mean_is_the_normal():
    from scipy.special import gamma

    scale, shape = w.wind_weibull_parameters(np.array([1.0, 3.0, 8.0]))
    np.testing.assert_allclose(scale * gamma(1 + 1 / shape), [1.0, 3.0, 8.0])


def test_track_along_a_route_uses_each_days_position():
    class Latitudinal:
        def daily_normals(self, lat, lon, elevation, day_of_year):
            t = 30.0 - np.asarray(lat, float)  # colder northwards, no season
            one = np.ones_like(t)
            return Normals(t, t - 5, t + 5, 0.0 * one, 3.0 * one, 0.5 * one)

    lat = np.linspace(60.0, 30.0, 300)
    series = w.generate_weather(Latitudinal(), lat, 100.0, 1000.0, "2023-03-01", 300, 400, seed=1)
    mean = series.air_temperature_mean.mean(axis=0)
    assert np.polyfit(lat, mean, 1)[0] == pytest.approx(-1.0, abs=0.05)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n_runs": 0}, "n_runs"),
        ({"n_days": 0}, "n_days"),
        ({"seed": -1}, "seed"),
        ({"start_date": "2023-02-30"}, "start_date"),
        ({"lat": 95.0}, "latitude"),
        ({"lat": np.zeros(3)}, "n_days"),
        ({"elevation": -2000.0}, "elevation"),
    ],
)
def test_bad_input_is_reported(kwargs, message):
    args = dict(climatology=SeasonalClimate(), lat=60.0, lon=100.0, elevation=0.0, start_date="2023-01-01",
                n_days=10, n_runs=2, seed=0)
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        w.generate_weather(**args)


def test_bad_normals_are_reported():
    good = SeasonalClimate().daily_normals(60.0, 100.0, 0.0, 10)
    state = w.init_weather(3)
    with pytest.raises(InputError, match="relative_humidity"):
        w.step_weather(state, Normals(**{**good.__dict__, "relative_humidity": 70.0}))
    with pytest.raises(InputError, match="expected"):
        w.step_weather(state, Normals(**{**good.__dict__, "precipitation": np.ones(5)}))
    with pytest.raises(InputError, match="no field"):
        w.step_weather(state, object())
    with pytest.raises(InputError, match="day_of_year"):
        w.step_weather(state, good, 400)


def _builtin():
    from longwalk.atlas.climate import builtin_climate
    from longwalk.errors import DataError

    try:
        return builtin_climate()
    except DataError as err:  # the fitted coefficients are built by tools/fit_climate.py
        pytest.skip(f"built-in climate not available: {err}")


def test_yakutsk_on_the_builtin_climate_snow_comes_and_goes_and_months_match():
    climate = _builtin()
    yakutsk = (62.03, 129.73, 98.0)
    series = w.generate_weather(climate, *yakutsk, "2023-08-01", n_days=365, n_runs=1000, seed=21)
    swe, depth = series.snow_water_equivalent, series.snow_depth
    index = {d: int(np.nonzero(series.dates == np.datetime64(d))[0][0]) for d in
             ("2023-09-01", "2023-11-01", "2024-03-15", "2024-06-15")}
    assert np.mean(depth[:, index["2023-09-01"]] > 0) < 0.05  # an early cold spell can bring September snow
    # snow lies all winter; at most one run in 200 may lose it to a mid-March warm spell three standard deviations
    # out (the tail of the Gaussian anomaly with the fitted, larger spring diurnal range)
    assert np.mean(depth[:, index["2024-03-15"]] > 0) >= 0.995 and np.median(depth[:, index["2024-03-15"]]) > 0.1
    assert np.mean(swe[:, index["2024-03-15"]] > swe[:, index["2023-11-01"]]) > 0.95
    assert np.all(depth[:, index["2024-06-15"]] == 0)
    # January mean of the series against the climatology's January normal (z-test across runs)
    january = series.dates.astype("datetime64[M]") == np.datetime64("2024-01")
    per_run = series.air_temperature_mean[:, january].astype(float).mean(axis=1)
    normal = climate.daily_normals(*yakutsk, w.day_of_year(series.dates[january])).air_temperature_mean.mean()
    assert abs(per_run.mean() - normal) < Z_LIMIT * per_run.std(ddof=1) / np.sqrt(per_run.size)


def test_gobi_dust_storm_days_on_the_builtin_climate():
    # Natsagdorj, Jugder & Chung (2003, Atmos. Environ. 37, 1401): 20-37 dust-storm days a year in the Gobi desert
    # and semi-desert, fewer than 5 in the Khangai/Khentii mountains, 61 % of them in spring (March-May).
    climate = _builtin()
    dalanzadgad = (43.577, 104.418, 1462.0)
    series = w.generate_weather(climate, *dalanzadgad, "2023-07-01", n_days=730, n_runs=400, seed=5)
    second_year = slice(365, 730)
    storms = series.sandstorm[:, second_year]
    per_year = storms.sum(axis=1)
    assert 20.0 <= per_year.mean() <= 37.0
    months = series.dates[second_year].astype("datetime64[M]").astype(int) % 12 + 1
    spring = storms[:, (months >= 3) & (months <= 5)].sum() / storms.sum()
    assert 0.45 <= spring <= 0.8
    # a humid Siberian summer has none (normal RH above the arid limit)
    yakutsk = w.generate_weather(climate, 62.03, 129.73, 98.0, "2023-07-01", n_days=60, n_runs=200, seed=5)
    assert not yakutsk.sandstorm.any()
    # the Khentii foothills (Ulaanbaatar): fewer than 5 a year in the mountains, Natsagdorj et al.; 10 leaves room
    # for the city's steppe edge
    ulaanbaatar = w.generate_weather(climate, 47.92, 106.92, 1300.0, "2023-07-01", n_days=730, n_runs=200, seed=5)
    assert ulaanbaatar.sandstorm[:, second_year].sum(axis=1).mean() < 10.0


class WindyDesert:
    """Dry, snow-free normals with a strong mean wind; only the temperature (frozen, thawing, thawed) varies."""

    def __init__(self, t_min, t_max):
        self.t_min, self.t_max = t_min, t_max

    def daily_normals(self, lat, lon, elevation, day_of_year):
        shape = np.broadcast(lat, lon, elevation, day_of_year).shape
        full = lambda v: np.broadcast_to(float(v), shape)  # noqa: E731
        return SimpleNamespace(air_temperature_mean=full((self.t_min + self.t_max) / 2),
                               air_temperature_min=full(self.t_min), air_temperature_max=full(self.t_max),
                               precipitation=full(0.0), wind_speed=full(6.0), relative_humidity=full(0.3))


def test_frozen_and_thawing_ground_need_stronger_wind_for_dust():
    # Han, Tsunekawa & Tsubo (2011): dust came with 15.7 m s-1 on frozen, 12.6 on thawed, 10.1 on non-frozen ground
    counts = {}
    for name, (t_min, t_max) in {"frozen": (-12.0, 4.0), "thawing": (-4.0, 12.0), "thawed": (4.0, 20.0)}.items():
        s = w.generate_weather(WindyDesert(t_min, t_max), 44.0, 105.0, 1000.0, "2023-04-01", n_days=120,
                               n_runs=200, seed=3)
        counts[name] = s.sandstorm.mean()
        storm_wind = s.wind_speed[s.sandstorm]
        factor = {"frozen": 15.7 / 10.1, "thawing": 12.6 / 10.1, "thawed": 1.0}[name]
        assert storm_wind.min() >= w.SANDSTORM_WIND * factor - 1e-3
    assert counts["frozen"] < counts["thawing"] < counts["thawed"]


def test_parallel_and_serial_kernels_agree():
    # 1200 runs x 100 days uses the multi-threaded kernel; one run alone uses the serial one
    assert 1200 * 100 >= w.PARALLEL_MIN_RUN_DAYS > 100
    climate = SeasonalClimate()
    batch = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", n_days=100, n_runs=1200, seed=13)
    for k in (0, 777, 1199):
        alone = w.generate_weather(climate, 62.0, 129.7, 100.0, "2023-10-01", 100, 1, seed=13, run_index=[k])
        for f in fields(w.DayWeather):
            assert np.array_equal(getattr(batch, f.name)[k], getattr(alone, f.name)[0]), (k, f.name)


def test_a_heat_wave_needs_a_hot_day():
    """Issue 15: "heat_wave" at 4.8 °C.  A warm spell in a cold climate is not a heat wave (IMD: not below a 30 °C
    maximum); in a hot climate the same relative spells are heat waves."""
    cold = w.generate_weather(SeasonalClimate(t_annual=-5.0, t_amplitude=10.0), 62.0, 129.7, 100.0, "2023-01-01",
                              n_days=365, n_runs=200, seed=3)
    assert not cold.heat_wave.any()  # its warmest normal maximum is 10 °C
    hot = w.generate_weather(SeasonalClimate(t_annual=30.0, t_amplitude=5.0, p_annual=0.3), 25.0, 75.0, 200.0,
                             "2023-01-01", n_days=365, n_runs=200, seed=3)
    assert hot.heat_wave.mean() > 0.005 and np.all(hot.air_temperature_max[hot.heat_wave] >= 30.0)


class WetDays:
    """Normals that carry their own wet-day fraction, far from what the precipitation-only estimate would give."""

    def __init__(self, f):
        self.f = f

    def daily_normals(self, lat, lon, elevation, day_of_year):
        shape = np.broadcast(lat, lon, elevation, day_of_year).shape
        full = lambda v: np.broadcast_to(float(v), shape)  # noqa: E731
        return SimpleNamespace(air_temperature_mean=full(15.0), air_temperature_min=full(10.0),
                               air_temperature_max=full(20.0), precipitation=full(3.0), wind_speed=full(3.0),
                               relative_humidity=full(0.7), wet_day_fraction=full(self.f))


def test_the_normals_wet_day_fraction_is_used():
    # 3 mm a day: the estimate would give f = 0.7 (1 - exp(-91 / 60)) = 0.55; the normals say 0.2 (or 0.8)
    for f in (0.2, 0.8):
        series = w.generate_weather(WetDays(f), 0.0, 0.0, 0.0, "2023-01-01", n_days=365, n_runs=400, seed=3)
        wet = series.precipitation > 0
        assert abs(wet.mean() - f) < 0.01
        # the expected total is still the normal: 3 mm a day, in 1/f as many wet days, each 3/f mm on average
        assert series.precipitation.mean() == pytest.approx(3.0, rel=0.03)
    with pytest.raises(InputError, match="wet_day_fraction"):
        w.generate_weather(WetDays(1.2), 0.0, 0.0, 0.0, "2023-01-01", n_days=5, n_runs=2, seed=3)


# The places of issue 10 where the Asian-only model gave impossible weather (-782 °C near Lake Tahoe, -104 °C in
# London, +282 °C in Sydney, a ZeroDivisionError in New York, Montreal and Nuuk), and a walk in the Andes.
WORLD_PLACES = [("Lake Tahoe", 39.1, -120.0, 1900.0), ("London", 51.5, -0.12, 20.0), ("Sydney", -33.87, 151.2, 40.0),
                ("New York", 40.71, -74.0, 10.0), ("Montreal", 45.5, -73.57, 40.0), ("Nuuk", 64.18, -51.7, 50.0),
                ("Cusco", -13.53, -71.97, 3400.0)]


@pytest.mark.parametrize(("name", "lat", "lon", "elevation"), WORLD_PLACES)
def test_weather_anywhere_on_land_is_physically_possible(name, lat, lon, elevation):
    climate = _builtin()
    series = w.generate_weather(climate, lat, lon, elevation, "2023-12-16", n_days=60, n_runs=50, seed=1)
    t = series.air_temperature_mean
    assert np.all((t > -60) & (t < 45)), name
    assert np.all(series.air_temperature_min <= series.air_temperature_max)
    assert np.all(np.isfinite(series.precipitation)) and np.all(series.precipitation >= 0)
    assert np.all((series.relative_humidity > 0) & (series.relative_humidity <= 1))
    assert np.all(series.wind_speed >= 0)


def test_advance_weather_is_step_weather_day_after_day_bit_for_bit():
    """A spin-up in a few kernel calls leaves the state that one step_weather a day leaves (snow on the ground, the
    spells, the counters): the engine's start depends on it."""
    clim = SeasonalClimate()
    doy = np.arange(250, 250 + 60) % 365 + 1  # autumn into winter: snow falls, lies and compacts
    normals = clim.daily_normals(60.0, 120.0, 300.0, doy)
    stepped = w.init_weather(50, seed=4)
    for d in range(doy.size):
        day = {f.name: getattr(normals, f.name) for f in fields(normals)}
        _, stepped = w.step_weather(stepped, Normals(**{k: v if v is None else v[d] for k, v in day.items()}))
    advanced = w.advance_weather(w.init_weather(50, seed=4), normals, block=7)  # blocks that do not divide 60
    assert advanced.step == stepped.step == 60
    assert np.any(stepped.snow_water_equivalent > 0)
    for f in fields(stepped):
        assert np.array_equal(np.asarray(getattr(advanced, f.name)), np.asarray(getattr(stepped, f.name))), f.name
