"""Seeded daily weather generator: monthly climate in, day-by-day weather out, vectorised over runs.

The generator is a WGEN-type model (Richardson 1981) driven by *daily normals* — the climatology at each run's
position on each day — so it can follow a party whose position is only known as the journey unfolds:

``init_weather`` makes a :class:`WeatherState` for ``n_runs`` runs; ``step_weather(state, normals)`` advances
all runs by one day and returns that day's :class:`DayWeather`; ``generate_weather`` runs the same kernel over a
whole fixed place or planned track and returns a :class:`WeatherSeries` shaped (runs, days).

Model, per run and day (details, sources and which numbers are estimates: ``docs/weather.md``):

* **Temperature**: a standardised anomaly ``z`` follows AR(1), ``z_t = phi z_(t-1) + sqrt(1 - phi^2) e_t`` with
  ``phi = 0.7`` (lag-1 autocorrelations of 0.6-0.8, Richardson 1981); the anomaly ``sigma z`` shifts the normal
  mean, minimum and maximum together.  ``sigma`` depends on the season and region through the day's normal
  minimum and maximum (the dry-day polynomials of GWGEN, Sommer & Kaplan 2017), so it is large in a continental
  winter (about 6 °C at Yakutsk in January) and small in summer (about 3 °C).  Wet days have a smaller diurnal
  range.
* **Precipitation**: wet/dry occurrence by a two-state Markov chain with ``p_wd = 0.75 f`` and
  ``p_ww = 0.25 + p_wd`` (Geng et al. 1986), whose stationary wet fraction is exactly ``f``; amounts on wet days
  are exponential with mean ``P / f`` so the expected total equals the normal ``P``.  ``f`` is the normals'
  ``wet_day_fraction`` (the built-in climate fits it to the WMO stations' days with >= 1 mm); only normals that
  lack it fall back on an estimated saturating relation to the precipitation (see :func:`wet_day_fraction`).
* **Rain or snow** by the day's mean temperature; **snowpack** water equivalent grows with snowfall and melts by
  a degree-day factor; its density starts at the fresh-snow density of Hedstrom & Pomeroy (1998) and compacts
  towards 300 kg m-3 (Verseghy 1991), so ``snow_depth = snow_water_equivalent / snow_density``.
* **Wind**: Weibull with the normal mean and a shape from the GWGEN wind spread (Justus et al. 1978 relation),
  drawn through a persistent (AR(1)) Gaussian variable so windy days come in spells.
* **Relative humidity**: the normal value, lowered on warm and raised on cold days as if the vapour pressure
  followed half of the temperature anomaly (Magnus formula; estimate), raised on wet days.
* **Extreme days**: blizzard (snow falling or dry snow lying, wind above the blowing-snow threshold of Li &
  Pomeroy 1997), sandstorm (arid season, dry bare ground, strong wind; a stronger wind on frozen or thawing
  ground, Han et al. 2011), heat wave and cold snap (three or more
  days in a row beyond the 90th / 10th percentile of the temperature anomaly, after Perkins & Alexander 2013; a
  heat wave also needs a maximum of at least :data:`HEAT_WAVE_TMAX_FLOOR`, so a warm spell in a cold climate is
  not called one).

Random numbers are **counter-based**: each run has a 64-bit key and the ``j``-th number of day ``t`` is the
SplitMix64 output for state ``key + (4 t + j) * golden_gamma`` (Steele, Lea & Flood 2014).  Run *k*'s weather
therefore depends only on its key and the day counter, never on how many other runs share the batch or how
they are split across workers — and no generator state has to be carried between days.  ``run_keys(seed,
run_index)`` makes keys from a seed and the runs' global indices.  Passing a ``numpy.random.Generator`` as
``rng`` to :func:`step_weather` instead draws the numbers from it (faster to reason about in a single batch, but
then a run's weather depends on the batch).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

import numba
import numpy as np
from scipy.special import gamma as _gamma_function
from scipy.special import log_ndtr

from longwalk.atlas.grid import check_lat_lon
from longwalk.errors import InputError
from longwalk.rng import GAMMA, MASK64, finalise_np, uniform_at, uniform_at_py

__all__ = [
    "DayWeather",
    "WeatherSeries",
    "WeatherState",
    "advance_weather",
    "as_dates",
    "day_of_year",
    "generate_weather",
    "init_weather",
    "run_keys",
    "step_weather",
    "temperature_anomaly_sd",
    "wet_day_fraction",
    "wind_weibull_parameters",
]

# --- model constants -------------------------------------------------------------------------------------------

#: Lag-1 autocorrelation of the daily temperature anomaly [-]; Richardson (1981) reports 0.6-0.8 for daily
#: maximum and minimum temperature at US stations; 0.7 is the middle of that range (estimate).
TEMPERATURE_AUTOCORRELATION = 0.7
#: Lag-1 autocorrelation of the Gaussian variable behind daily wind speed [-] (estimate).
WIND_AUTOCORRELATION = 0.5
#: Relative change of the diurnal temperature range between wet and dry days [-]: ``DTR = DTR_normal (1 + r (f -
#: wet))``; 0.3 reproduces the wet/dry tmin/tmax regressions of GWGEN (Sommer & Kaplan 2017) at 20/10 °C and a
#: 30 % wet fraction (estimate).
DIURNAL_RANGE_WET_EFFECT = 0.3
#: Relative rise of relative humidity on wet days, mean-preserving like the diurnal range (estimate).
HUMIDITY_WET_EFFECT = 0.15
#: Exponent g of RH = RH_normal (e_s(T_normal) / e_s(T))^g: the fraction of a temperature anomaly by which the
#: vapour pressure does *not* follow (g = 1: the air keeps the normal vapour pressure; g = 0: RH ignores the
#: anomaly).  Warm anomalies in a continental winter come with moist air, so g = 0.5 (estimate).
HUMIDITY_TEMPERATURE_EXPONENT = 0.5
#: Geng et al. (1986): p_wd = 0.75 f, p_ww = 0.25 + p_wd.
P_WD_SLOPE = 0.75
P_WW_INTERCEPT = 0.25
#: Saturating wet-day fraction ``f = F_MAX (1 - exp(-P_month / P_SCALE))`` (days with >= 1 mm); estimate chosen to
#: give about 3 wet days for 10 mm month-1 (Siberian winter), 13 for 60 mm (Ulaanbaatar July), 19 for 130 mm
#: (Lhasa July).
WET_FRACTION_MAX = 0.7
WET_FRACTION_SCALE = 60.0  # [mm month-1]
DAYS_PER_MONTH = 365.25 / 12.0
#: Rain/snow partition: all snow below -1 °C, all rain above +3 °C, linear in between (estimate centred on the
#: 50 % snow point of about 1 °C over land found by Dai 2008).
SNOW_ALL_BELOW = -1.0
RAIN_ALL_ABOVE = 3.0
#: Degree-day melt factor for snow [mm °C-1 day-1]; Hock (2003) lists 2.5-11.6 for snow, most values 3-5.
SNOW_DEGREE_DAY_FACTOR = 4.0
#: Snow compaction (Verseghy 1991, CLASS): rho <- rho_max + (rho - rho_max) exp(-0.01 h-1 * 24 h).
SNOW_DENSITY_MAX = 300.0  # [kg m-3]
SNOW_COMPACTION_PER_DAY = math.exp(-0.24)
#: Blowing-snow threshold of the 10 m wind [m s-1]: Li & Pomeroy (1997) mean values for dry and wet snow.
BLOWING_SNOW_WIND_DRY = 7.7
BLOWING_SNOW_WIND_WET = 9.9
#: Blizzard: snowfall of at least this much water equivalent [mm] or dry lying snow at least this deep [m].
BLIZZARD_SNOWFALL = 1.0
BLIZZARD_LYING_SNOW = 0.05
#: Sandstorm: daily mean wind at least SANDSTORM_WIND [m s-1] on a dry, snow-free day in an arid season (normal
#: relative humidity below SANDSTORM_RH, normal precipitation below SANDSTORM_PRECIPITATION [mm day-1]).  6.5 m s-1
#: is the "strong wind day" threshold used for Mongolian dust events ("Correlation between dust events in Mongolia
#: and surface wind and precipitation", Terr. Atmos. Ocean. Sci., 2016); Natsagdorj et al. (2003) report dust
#: storms with surface winds of 6-20 m s-1 and relative humidity of 20-40 %.  Applying it to the *daily mean*
#: wind and the two aridity limits are estimates.  The threshold holds beyond Mongolia: over the western Sahara the
#: minimum erosion threshold of the 10 m wind is about 6 m s-1 (Marticorena & Bergametti 1996, shown in Knippertz
#: & Stuut (eds.) 2014, Mineral Dust, fig. 5.6; station thresholds: Cowie, Knippertz & Marsham 2014, ACP 14, 8579).
SANDSTORM_WIND = 6.5
SANDSTORM_RH = 0.5
SANDSTORM_PRECIPITATION = 1.0
#: [-] Factors on SANDSTORM_WIND for frozen and for thawing ground.  On the eastern Mongolian Plateau in the springs
#: of 2000-2007 dust events came with strong winds of 15.7 m s-1 on frozen ground, 12.6 on thawed ground (wet with
#: meltwater) and 10.1 on non-frozen ground (Han, Tsunekawa & Tsubo 2011, Geomorphology 129, 412, abstract); at a
#: Gobi lake valley no dust storm arose while the soil was frozen in winter (KAKEN project 21K12212 report).  The
#: ground counts as frozen while the day's normal mean air temperature is below 0 °C and as thawing (frozen at
#: night, meltwater by day) while only the normal minimum is: an ESTIMATE mapping of the study's three classes onto
#: the normals.  Without them the built-in climate gave Dalanzadgad 45 dust-storm days a year (9 from November to
#: March) against the Gobi's 20-37 (Natsagdorj et al. 2003); with them 26, 54 % in spring (61 % observed).
FROZEN_GROUND_DUST_FACTOR = 15.7 / 10.1
THAWING_GROUND_DUST_FACTOR = 12.6 / 10.1
#: Heat wave / cold snap: at least 3 consecutive days with the anomaly beyond the 90th / 10th percentile
#: (Perkins & Alexander 2013 use 3 days above the 90th percentile).
EXTREME_QUANTILE_Z = 1.2815515655446004
EXTREME_MIN_DAYS = 3
#: [°C] A warm spell is a heat wave only from this daily maximum on.  India Meteorological Department: "heat wave
#: need not be considered till the maximum temperature of a station reaches at least 40 °C for plains, 37 °C for
#: coastal stations and 30 °C for hilly regions" (IMD heat-wave criteria, as quoted by faqs.tips and WION 2022);
#: the lowest of the three, so that no place's heat wave is missed.  Without it, three days at the 90th
#: percentile of a Siberian spring were flagged "heat_wave" at 4.8 °C (issue 15).
HEAT_WAVE_TMAX_FLOOR = 30.0

_N_DRAWS = 4  # uniforms per run and day
PARALLEL_MIN_RUN_DAYS = 100_000  # below this many run-days one thread does the work (same results either way)
# The wind quantile c (-log(1 - Phi(z)))^(1/k) = c exp(L(z) / k) with L(z) = log(-log(1 - Phi(z))) tabulated on a
# fine grid (linear interpolation error < 1e-6): one exp instead of erfc, log and pow in the kernel.
_WIND_Z_MAX = 9.0
_WIND_TABLE_N = 8193
_WIND_TABLE = np.log(-log_ndtr(-np.linspace(-_WIND_Z_MAX, _WIND_Z_MAX, _WIND_TABLE_N)))

# GWGEN (Sommer & Kaplan 2017, weathergenmod.f90) dry-day standard deviation of daily tmin/tmax [°C] as
# piecewise polynomials of the monthly mean tmin/tmax [°C]: (upper break, coefficients of T^0..T^5).
_TMIN_SD_DRY = (
    (-40.0, (10.89900605, 0.12709893, 0.0, 0.0, 0.0, 0.0)),
    (0.0, (3.56755661, -0.11544588, 0.02824401, 0.00195612, 4.314e-05, 3.2e-07)),
    (25.0, (3.79411755, 0.03298697, -0.01504554, 0.00190346, -0.00011362, 2.13e-06)),
    (np.inf, (-4.61943457, 0.22605603, 0.0, 0.0, 0.0, 0.0)),
)
_TMAX_SD_DRY = (
    (-30.0, (7.37455165, 0.01535526, 0.0, 0.0, 0.0, 0.0)),
    (0.0, (4.61701866, -0.33872824, -0.0187566, -0.0003185, 3.5e-06, 1.1e-07)),
    (35.0, (4.74550991, -0.07609816, 0.01893058, -0.00134943, 3.209e-05, -2.5e-07)),
    (np.inf, (3.25541815, -0.02178605, 0.0, 0.0, 0.0, 0.0)),
)
# GWGEN dry-day standard deviation of daily wind [m s-1] as a cubic of the monthly mean wind [m s-1].
_WIND_SD_DRY = (0.0, 1.08596114, -0.24073323, 0.02216454)

NORMAL_FIELDS = (
    "air_temperature_mean",
    "air_temperature_min",
    "air_temperature_max",
    "precipitation",
    "wind_speed",
    "relative_humidity",
)

# --- pure model functions ---------------------------------------------------------------------------------------


def _piecewise_polynomial(x: np.ndarray, pieces) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    lower = -np.inf
    for upper, coeffs in pieces:
        sel = (x >= lower) & (x < upper)
        out[sel] = np.polynomial.polynomial.polyval(x[sel], coeffs)
        lower = upper
    return out


def temperature_anomaly_sd(air_temperature_min, air_temperature_max):
    """Standard deviation of the daily temperature anomaly around the normal [°C].

    ``sigma = (sd_min(T_min) + sd_max(T_max)) / 2``, where ``sd_min`` and ``sd_max`` are the dry-day
    piecewise quintic polynomials of GWGEN fitted to global GHCN-Daily stations (Sommer & Kaplan 2017,
    Geosci. Model Dev. 10, 3771-3791).  Larger in cold (continental winter) climates than in warm ones.

    Parameters
    ----------
    air_temperature_min, air_temperature_max : array_like
        Normal daily minimum and maximum air temperature [°C], fitted range about -50..45.

    Returns
    -------
    numpy.ndarray
        Standard deviation of the daily anomaly [°C].

    Examples
    --------
    At 0 °C both polynomials reduce to their constant terms, (3.794 + 4.746) / 2 = 4.27:

    >>> round(float(temperature_anomaly_sd(0.0, 0.0)), 2)
    4.27
    """
    tmin = np.asarray(air_temperature_min, dtype=float)
    tmax = np.asarray(air_temperature_max, dtype=float)
    tmin, tmax = np.broadcast_arrays(tmin, tmax)
    return 0.5 * (_piecewise_polynomial(tmin, _TMIN_SD_DRY) + _piecewise_polynomial(tmax, _TMAX_SD_DRY))


def wet_day_fraction(precipitation):
    """Fraction of days with at least 1 mm of precipitation, from the normal precipitation alone [-]: the
    fallback for normals without a ``wet_day_fraction`` (the built-in climate and station tables have one).

    ``f = 0.7 (1 - exp(-P_month / 60 mm))`` with ``P_month = 30.44 P``.  An **estimate**: it saturates at 70 % and
    gives about 3 wet days for 10 mm per month, 13 for 60 mm and 19 for 130 mm, close to Yakutsk in January,
    Ulaanbaatar in July and Lhasa in July.

    Parameters
    ----------
    precipitation : array_like
        Normal precipitation [mm day-1], >= 0.

    Returns
    -------
    numpy.ndarray
        Wet-day fraction f [-] in [0, 0.7).

    Examples
    --------
    60 mm per month: 0.7 (1 - 1/e) = 0.442.

    >>> round(float(wet_day_fraction(60.0 / (365.25 / 12))), 3)
    0.442
    """
    p = np.asarray(precipitation, dtype=float)
    return WET_FRACTION_MAX * -np.expm1(-p * DAYS_PER_MONTH / WET_FRACTION_SCALE)


def wind_weibull_parameters(wind_speed):
    """Weibull scale and shape of daily mean wind around a normal mean wind speed.

    The spread is the GWGEN dry-day cubic ``sd = 1.086 U - 0.2407 U^2 + 0.02216 U^3`` (Sommer & Kaplan 2017),
    evaluated with U clipped to 0.5..6 m s-1 where the cubic stays well behaved (estimate); the shape follows
    ``k = (sd / U)^-1.086`` (Justus et al. 1978, J. Appl. Meteorol. 17, 350-353), clipped to 1.2..4, and the scale
    ``c = U / Gamma(1 + 1/k)`` keeps the mean equal to U.

    Parameters
    ----------
    wind_speed : array_like
        Normal mean wind speed U [m s-1], >= 0.

    Returns
    -------
    scale : numpy.ndarray
        Weibull scale c [m s-1].
    shape : numpy.ndarray
        Weibull shape k [-].

    Examples
    --------
    For U = 4: sd = 4.344 - 3.851 + 1.418 = 1.911, k = (1.911/4)^-1.086 = 2.23, c = 4 / Gamma(1.448) = 4.52.

    >>> c, k = wind_weibull_parameters(4.0)
    >>> round(float(k), 2), round(float(c), 2)
    (2.23, 4.52)
    """
    u = np.asarray(wind_speed, dtype=float)
    uc = np.clip(u, 0.5, 6.0)
    sd = np.polynomial.polynomial.polyval(uc, _WIND_SD_DRY)
    shape = np.clip((sd / uc) ** -1.086, 1.2, 4.0)
    scale = u / _gamma_function(1.0 + 1.0 / shape)
    return scale, shape


def day_of_year(dates) -> np.ndarray:
    """Climatological day of year 1..365 of dates; 29 February maps to 59 (28 February) [-].

    >>> day_of_year(np.datetime64("2024-03-01")).item(), day_of_year(np.datetime64("2023-12-31")).item()
    (60, 365)
    """
    d = np.asarray(dates, dtype="datetime64[D]")
    years = d.astype("datetime64[Y]")
    doy = (d - years.astype("datetime64[D]")).astype(np.int64) + 1
    year = years.astype(np.int64) + 1970
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return np.where(leap & (doy >= 60), np.maximum(doy - 1, 59), doy)


# --- random keys ---------------------------------------------------------------------------------------------------


def run_keys(seed: int, run_index) -> np.ndarray:
    """Per-run 64-bit keys for the counter-based draws: a hash of ``(seed, run_index)``.

    Run *k* gets the same key, hence the same weather, whatever other runs are generated with it.

    Parameters
    ----------
    seed : int
        Non-negative ensemble seed.
    run_index : array_like of int
        Global indices of the runs (>= 0).

    Returns
    -------
    numpy.ndarray
        Keys, uint64, shaped like ``run_index``.

    Examples
    --------
    >>> bool(run_keys(1, [3])[0] == run_keys(1, [0, 1, 2, 3])[3])
    True
    """
    seed = _check_seed(seed)
    idx = np.asarray(run_index)
    if idx.size and (not np.issubdtype(idx.dtype, np.integer) or idx.min() < 0):
        raise InputError(f"run_index must hold non-negative integers, got {idx.ravel()[:3]!r}")
    base = finalise_np(np.array([seed & MASK64], dtype=np.uint64))[0]
    with np.errstate(over="ignore"):
        state = base + (idx.astype(np.uint64) + np.uint64(1)) * np.uint64(GAMMA)
    return finalise_np(finalise_np(state))


def _check_seed(seed) -> int:
    if isinstance(seed, bool | np.bool_) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed!r}")
    return int(seed)


def _keys_from(keys) -> np.ndarray:
    """Accept uint64 keys or a sequence of ``numpy.random.SeedSequence`` (one per run)."""
    if isinstance(keys, Sequence) and keys and isinstance(keys[0], np.random.SeedSequence):
        return np.array([s.generate_state(1, np.uint64)[0] for s in keys], dtype=np.uint64)
    arr = np.asarray(keys)
    if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
        raise InputError("keys must be a 1-D array of unsigned 64-bit integers or a list of SeedSequence objects")
    return arr.astype(np.uint64)


# --- state and results ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeatherState:
    """Per-run weather memory between days; every array is shaped (runs,).

    Attributes
    ----------
    key : numpy.ndarray
        uint64 key of each run's counter-based random stream.
    step : int
        Number of days already generated (the draw counter); 0 means the next day starts from the stationary
        distribution (anomaly, wind spell and wet state drawn afresh).
    temperature_z : numpy.ndarray
        Standardised temperature anomaly [-] (multiply by the day's spread for °C).
    wind_z : numpy.ndarray
        Standardised Gaussian variable behind the wind speed [-].
    wet : numpy.ndarray
        Whether the last day was wet (bool).
    snow_water_equivalent : numpy.ndarray
        Water in the snowpack [mm] (= kg m-2).
    snow_density : numpy.ndarray
        Bulk density of the snowpack [kg m-3].
    warm_days, cold_days : numpy.ndarray
        Consecutive days (int32) with the anomaly above the 90th / below the 10th percentile.
    """

    key: np.ndarray
    step: int
    temperature_z: np.ndarray
    wind_z: np.ndarray
    wet: np.ndarray
    snow_water_equivalent: np.ndarray
    snow_density: np.ndarray
    warm_days: np.ndarray
    cold_days: np.ndarray

    @property
    def n_runs(self) -> int:
        """Number of runs."""
        return self.key.shape[0]


_DAY_FLOAT_FIELDS = (
    "air_temperature_mean",
    "air_temperature_min",
    "air_temperature_max",
    "precipitation",
    "snowfall",
    "snow_depth",
    "snow_water_equivalent",
    "wind_speed",
    "relative_humidity",
)
_DAY_FLAG_FIELDS = ("blizzard", "sandstorm", "heat_wave", "cold_snap")


@dataclass(frozen=True)
class DayWeather:
    """One day's weather for every run; each field is an array shaped (runs,) — or (runs, days) in a series.

    Attributes
    ----------
    air_temperature_mean, air_temperature_min, air_temperature_max : numpy.ndarray
        Daily mean, minimum and maximum air temperature [°C].
    precipitation : numpy.ndarray
        Precipitation [mm day-1] (water equivalent, rain and snow).
    snowfall : numpy.ndarray
        The part of ``precipitation`` that fell as snow [mm water equivalent].
    snow_depth : numpy.ndarray
        Depth of snow on the ground at the end of the day [m].
    snow_water_equivalent : numpy.ndarray
        Water in the snowpack at the end of the day [mm].
    wind_speed : numpy.ndarray
        Daily mean 10 m wind speed [m s-1].
    relative_humidity : numpy.ndarray
        Daily mean relative humidity [-].
    blizzard, sandstorm, heat_wave, cold_snap : numpy.ndarray
        Extreme-day flags (bool); see the module docstring for their definitions.
    """

    air_temperature_mean: np.ndarray
    air_temperature_min: np.ndarray
    air_temperature_max: np.ndarray
    precipitation: np.ndarray
    snowfall: np.ndarray
    snow_depth: np.ndarray
    snow_water_equivalent: np.ndarray
    wind_speed: np.ndarray
    relative_humidity: np.ndarray
    blizzard: np.ndarray
    sandstorm: np.ndarray
    heat_wave: np.ndarray
    cold_snap: np.ndarray


@dataclass(frozen=True)
class WeatherSeries(DayWeather):
    """Daily weather for many runs over many days: every :class:`DayWeather` field shaped (runs, days), float32.

    Attributes
    ----------
    dates : numpy.ndarray
        Date of each day, datetime64[D], (days,).
    lat, lon, elevation : numpy.ndarray
        Where each day's weather was generated [degree], [degree], [m], (days,).
    final_state : WeatherState
        State after the last day, to continue the series with :func:`step_weather`.
    """

    dates: np.ndarray = None
    lat: np.ndarray = None
    lon: np.ndarray = None
    elevation: np.ndarray = None
    final_state: WeatherState = None

    @property
    def shape(self) -> tuple[int, int]:
        """(runs, days)."""
        return self.air_temperature_mean.shape

    def run(self, k: int) -> DayWeather:
        """The series of run ``k`` as a :class:`DayWeather` of (days,) arrays."""
        return DayWeather(**{f.name: getattr(self, f.name)[k] for f in fields(DayWeather)})


def init_weather(
    n_runs: int,
    seed: int = 0,
    *,
    run_index=None,
    keys=None,
    snow_water_equivalent=0.0,
    snow_density=SNOW_DENSITY_MAX,
) -> WeatherState:
    """Make the weather state of ``n_runs`` runs before their first day.

    Parameters
    ----------
    n_runs : int
        Number of runs (>= 1).
    seed : int
        Ensemble seed; with ``run_index`` it fixes each run's random stream (see :func:`run_keys`).
    run_index : array_like of int, optional
        Global index of each run (default ``0..n_runs-1``); pass the indices of a batch's runs so that run *k*
        gets the same weather in any batch.
    keys : array_like of uint64 or list of numpy.random.SeedSequence, optional
        Per-run stream keys, overriding ``seed`` and ``run_index`` (one SeedSequence per run, e.g. from
        ``SeedSequence(seed).spawn(n)``, is turned into a key with ``generate_state``).
    snow_water_equivalent : float or array_like
        Snow already on the ground [mm water equivalent], >= 0.
    snow_density : float or array_like
        Its bulk density [kg m-3], 50..600.

    Returns
    -------
    WeatherState

    Examples
    --------
    >>> init_weather(3, seed=1).n_runs
    3
    """
    if isinstance(n_runs, bool) or not isinstance(n_runs, int | np.integer) or n_runs < 1:
        raise InputError(f"n_runs must be a positive integer, got {n_runs!r}")
    if keys is not None:
        key = _keys_from(keys)
        if key.shape[0] != n_runs:
            raise InputError(f"keys has {key.shape[0]} entries but n_runs is {n_runs}")
    else:
        idx = np.arange(n_runs) if run_index is None else np.asarray(run_index)
        if idx.shape != (n_runs,):
            raise InputError(f"run_index must have n_runs = {n_runs} entries, got shape {idx.shape}")
        key = run_keys(seed, idx)
    swe = np.broadcast_to(np.asarray(snow_water_equivalent, dtype=float), (n_runs,)).copy()
    rho = np.broadcast_to(np.asarray(snow_density, dtype=float), (n_runs,)).copy()
    if np.any(~np.isfinite(swe) | (swe < 0)):
        raise InputError("snow_water_equivalent must be finite and >= 0 [mm]")
    if np.any(~np.isfinite(rho) | (rho < 50) | (rho > 600)):
        raise InputError("snow_density must lie between 50 and 600 kg m-3")
    zeros = np.zeros(n_runs)
    return WeatherState(
        key=key,
        step=0,
        temperature_z=zeros.copy(),
        wind_z=zeros.copy(),
        wet=np.zeros(n_runs, dtype=bool),
        snow_water_equivalent=swe,
        snow_density=rho,
        warm_days=np.zeros(n_runs, dtype=np.int32),
        cold_days=np.zeros(n_runs, dtype=np.int32),
    )


# --- day parameters from normals -----------------------------------------------------------------------------------

# Columns of the parameter table the kernel reads, one row per (run or day).
_P_TMEAN, _P_TMIN, _P_TMAX, _P_SIGMA, _P_WET_FRACTION, _P_PWD, _P_PWW, _P_AMOUNT = range(8)
_P_WIND_SCALE, _P_WIND_INV_SHAPE, _P_RH, _P_DUST_WIND = range(8, 12)
_N_PARAMS = 12


def _normal_arrays(normals, n: int | None, what: str) -> dict[str, np.ndarray]:
    out = {}
    for name in NORMAL_FIELDS:
        if not hasattr(normals, name):
            raise InputError(f"{what}: normals have no field {name!r}; expected the fields {', '.join(NORMAL_FIELDS)}")
        out[name] = np.asarray(getattr(normals, name), dtype=float)
    shape = np.broadcast_shapes(*(a.shape for a in out.values()))
    if n is not None:
        try:
            shape = np.broadcast_shapes(shape, (n,))
        except ValueError:
            raise InputError(f"{what}: normals have shape {shape}, expected ({n},) or scalars") from None
    if len(shape) > 1:
        raise InputError(f"{what}: normals must be 1-D or scalars, got shape {shape}")
    out = {k: np.broadcast_to(v, shape) for k, v in out.items()}
    for name, value in out.items():
        if not np.all(np.isfinite(value)):
            raise InputError(f"{what}: normals field {name!r} has non-finite values")
    if np.any(out["precipitation"] < 0) or np.any(out["wind_speed"] < 0):
        raise InputError(f"{what}: normal precipitation [mm day-1] and wind_speed [m s-1] must be >= 0")
    rh = out["relative_humidity"]
    if np.any((rh < 0) | (rh > 1)):
        raise InputError(f"{what}: normal relative_humidity must be a fraction in 0..1, got {rh.min():g}..{rh.max():g}")
    if np.any(out["air_temperature_min"] > out["air_temperature_max"]):
        raise InputError(f"{what}: normal air_temperature_min exceeds air_temperature_max")
    f = getattr(normals, "wet_day_fraction", None)
    if f is not None:
        f = np.broadcast_to(np.asarray(f, dtype=float), shape)
        if not np.all((f >= 0) & (f < 1)):
            raise InputError(f"{what}: normal wet_day_fraction must be a fraction in 0..1 (below 1), "
                             f"got {np.nanmin(f):g}..{np.nanmax(f):g}")
        out["wet_day_fraction"] = f
    return out


def _day_parameters(normals, n: int | None = None, what: str = "normals") -> np.ndarray:
    """The kernel's parameter table (rows, _N_PARAMS) from daily normals broadcast to (rows,)."""
    a = _normal_arrays(normals, n, what)
    rows = a["air_temperature_mean"].shape[0] if a["air_temperature_mean"].ndim else 1
    p = np.empty((rows, _N_PARAMS))
    p[:, _P_TMEAN] = a["air_temperature_mean"]
    p[:, _P_TMIN] = a["air_temperature_min"]
    p[:, _P_TMAX] = a["air_temperature_max"]
    p[:, _P_SIGMA] = temperature_anomaly_sd(a["air_temperature_min"], a["air_temperature_max"])
    f = a["wet_day_fraction"] if "wet_day_fraction" in a else wet_day_fraction(a["precipitation"])
    f = np.where(a["precipitation"] > 0, f, 0.0)  # no precipitation, no wet day
    wet_possible = f > 0
    p[:, _P_WET_FRACTION] = f
    p[:, _P_PWD] = P_WD_SLOPE * f
    p[:, _P_PWW] = np.where(wet_possible, P_WW_INTERCEPT + P_WD_SLOPE * f, 0.0)
    p[:, _P_AMOUNT] = np.where(wet_possible, a["precipitation"] / np.where(wet_possible, f, 1.0), 0.0)
    scale, shape = wind_weibull_parameters(a["wind_speed"])
    p[:, _P_WIND_SCALE] = scale
    p[:, _P_WIND_INV_SHAPE] = 1.0 / shape
    p[:, _P_RH] = a["relative_humidity"]
    arid = (a["relative_humidity"] < SANDSTORM_RH) & (a["precipitation"] < SANDSTORM_PRECIPITATION)
    ground = np.where(a["air_temperature_mean"] < 0.0, FROZEN_GROUND_DUST_FACTOR,
                      np.where(a["air_temperature_min"] < 0.0, THAWING_GROUND_DUST_FACTOR, 1.0))
    # the wind [m s-1] that raises a dust storm on a dry, snow-free day; none outside an arid season
    p[:, _P_DUST_WIND] = np.where(arid, SANDSTORM_WIND * ground, np.inf)
    return p


# --- compiled kernel -----------------------------------------------------------------------------------------------

@numba.njit(inline="always")
def _magnus(t):
    # log of saturation vapour pressure over water up to a constant (Magnus, WMO-No. 8 2008 coefficients)
    return 17.62 * t / (243.12 + t)



@numba.njit(inline="always")
def _wind_log_quantile(z, table):
    # L(z) = log(-log(1 - Phi(z))) by linear interpolation in _WIND_TABLE, z clamped to +-_WIND_Z_MAX
    x = (min(max(z, -_WIND_Z_MAX), _WIND_Z_MAX) + _WIND_Z_MAX) * ((_WIND_TABLE_N - 1) / (2.0 * _WIND_Z_MAX))
    i = min(int(x), _WIND_TABLE_N - 2)
    frac = x - i
    return table[i] + frac * (table[i + 1] - table[i])


@numba.njit(inline="always", error_model="numpy")
def _advance_run(r, params, keys, step0, n_days, given_u, tz, wz, wet, swe, rho, warm, cold, out_f, out_b, table):
    """Advance run ``r`` by ``n_days`` days (see the module docstring for the model).

    ``params`` (rows, days, _N_PARAMS) has rows 1 (shared by all runs) or n_runs; the state arrays (runs,) are
    updated in place; ``out_f`` (9, runs, days) receives the :data:`_DAY_FLOAT_FIELDS` and ``out_b`` (4, runs,
    days) the :data:`_DAY_FLAG_FIELDS`; ``given_u`` (runs, days, 4) supplies the uniforms when it is not empty,
    otherwise they are hashed from the keys and the day counter.
    """
    use_given = given_u.shape[0] > 0
    sq_t = math.sqrt(1.0 - TEMPERATURE_AUTOCORRELATION**2)
    sq_w = math.sqrt(1.0 - WIND_AUTOCORRELATION**2)
    snow_ramp = RAIN_ALL_ABOVE - SNOW_ALL_BELOW
    row = r if params.shape[0] > 1 else 0  # params shared by all runs, or one row per run
    key = keys[r]
    z_t = tz[r]
    z_w = wz[r]
    is_wet = wet[r]
    w = swe[r]
    dens = rho[r]
    n_warm = warm[r]
    n_cold = cold[r]
    for d in range(n_days):
        p = params[row, d]
        if use_given:
            u1 = given_u[r, d, 0]
            u2 = given_u[r, d, 1]
            u3 = given_u[r, d, 2]
            u4 = given_u[r, d, 3]
        else:
            counter = (step0 + d) * _N_DRAWS
            u1 = uniform_at(key, counter)
            u2 = uniform_at(key, counter + 1)
            u3 = uniform_at(key, counter + 2)
            u4 = uniform_at(key, counter + 3)
        # Box-Muller: two independent standard normals
        radius = math.sqrt(-2.0 * math.log(u1))
        cos_a = math.cos(2.0 * math.pi * u2)
        sin_a = math.sqrt(max(1.0 - cos_a * cos_a, 0.0))  # sin(2 pi u2), positive for u2 < 1/2
        e1 = radius * cos_a
        e2 = radius * sin_a if u2 < 0.5 else -radius * sin_a
        f = p[_P_WET_FRACTION]
        if step0 + d == 0:  # first day: draw from the stationary distributions
            z_t = e1
            z_w = e2
            is_wet = u3 < f
        else:
            z_t = TEMPERATURE_AUTOCORRELATION * z_t + sq_t * e1
            z_w = WIND_AUTOCORRELATION * z_w + sq_w * e2
            is_wet = u3 < (p[_P_PWW] if is_wet else p[_P_PWD])
        wet_num = 1.0 if is_wet else 0.0
        anomaly = p[_P_SIGMA] * z_t
        t_mean = p[_P_TMEAN] + anomaly
        half_dtr_change = 0.5 * (p[_P_TMAX] - p[_P_TMIN]) * DIURNAL_RANGE_WET_EFFECT * (f - wet_num)
        t_max = p[_P_TMAX] + anomaly + half_dtr_change
        t_min = p[_P_TMIN] + anomaly - half_dtr_change
        prec = -p[_P_AMOUNT] * math.log(u4) if is_wet else 0.0
        snow_frac = min(max((RAIN_ALL_ABOVE - t_mean) / snow_ramp, 0.0), 1.0)
        snowfall = prec * snow_frac
        if w > 0.0:  # compaction of yesterday's pack
            dens = SNOW_DENSITY_MAX + (dens - SNOW_DENSITY_MAX) * SNOW_COMPACTION_PER_DAY
        if snowfall > 0.0:  # fresh snow (Hedstrom & Pomeroy 1998) adds its own depth
            fresh = 67.92 + 51.25 * math.exp(min(t_mean, 0.0) / 2.59)
            depth = w / dens + snowfall / fresh
            w = w + snowfall
            dens = w / depth
        w = max(w - SNOW_DEGREE_DAY_FACTOR * max(t_mean, 0.0), 0.0)
        snow_depth = w / dens if w > 0.0 else 0.0
        wind = p[_P_WIND_SCALE] * math.exp(_wind_log_quantile(z_w, table) * p[_P_WIND_INV_SHAPE])
        rh = p[_P_RH] * math.exp(HUMIDITY_TEMPERATURE_EXPONENT * (_magnus(p[_P_TMEAN]) - _magnus(t_mean)))
        rh *= 1.0 + HUMIDITY_WET_EFFECT * (wet_num - f)
        rh = min(max(rh, 0.02), 1.0)
        n_warm = n_warm + 1 if z_t >= EXTREME_QUANTILE_Z else 0
        n_cold = n_cold + 1 if z_t <= -EXTREME_QUANTILE_Z else 0
        blowing = BLOWING_SNOW_WIND_DRY if t_mean < 0.0 else BLOWING_SNOW_WIND_WET
        snow_source = snowfall >= BLIZZARD_SNOWFALL or (snow_depth >= BLIZZARD_LYING_SNOW and t_mean < 0.0)
        out_b[0, r, d] = snow_source and wind >= blowing
        out_b[1, r, d] = not is_wet and w <= 0.0 and wind >= p[_P_DUST_WIND]
        out_b[2, r, d] = n_warm >= EXTREME_MIN_DAYS and t_max >= HEAT_WAVE_TMAX_FLOOR
        out_b[3, r, d] = n_cold >= EXTREME_MIN_DAYS
        out_f[0, r, d] = t_mean
        out_f[1, r, d] = t_min
        out_f[2, r, d] = t_max
        out_f[3, r, d] = prec
        out_f[4, r, d] = snowfall
        out_f[5, r, d] = snow_depth
        out_f[6, r, d] = w
        out_f[7, r, d] = wind
        out_f[8, r, d] = rh
    tz[r] = z_t
    wz[r] = z_w
    wet[r] = is_wet
    swe[r] = w
    rho[r] = dens
    warm[r] = n_warm
    cold[r] = n_cold


@numba.njit(parallel=True, cache=True)
def _weather_kernel_parallel(params, keys, step0, n_days, given_u, tz, wz, wet, swe, rho, warm, cold, out_f, out_b,
                             table):
    for r in numba.prange(keys.shape[0]):  # the parallel loop's index is unsigned: make it an int64
        _advance_run(
            np.int64(r), params, keys, step0, n_days, given_u, tz, wz, wet, swe, rho, warm, cold, out_f, out_b, table
        )


@numba.njit(cache=True)
def _weather_kernel_serial(params, keys, step0, n_days, given_u, tz, wz, wet, swe, rho, warm, cold, out_f, out_b,
                           table):
    # small batches (a day's step): waking the thread pool would cost more than the work
    for r in range(keys.shape[0]):
        _advance_run(
            np.int64(r), params, keys, step0, n_days, given_u, tz, wz, wet, swe, rho, warm, cold, out_f, out_b, table
        )


def _reference_weather(params: np.ndarray, key: int, n_days: int, state: dict | None = None) -> list[dict]:
    """Slow, obvious pure-Python implementation of the kernel for one run from step 0 (tests and bench).

    ``params`` is the (days, _N_PARAMS) table; returns one dict of outputs per day.
    """
    s = state or {"z_t": 0.0, "z_w": 0.0, "wet": False, "swe": 0.0, "rho": SNOW_DENSITY_MAX, "warm": 0, "cold": 0}
    days = []
    for d in range(n_days):
        p = params[d]
        u = [uniform_at_py(int(key), d * _N_DRAWS + j) for j in range(_N_DRAWS)]
        e1 = math.sqrt(-2 * math.log(u[0])) * math.cos(2 * math.pi * u[1])
        e2 = math.sqrt(-2 * math.log(u[0])) * math.sin(2 * math.pi * u[1])
        f = p[_P_WET_FRACTION]
        if d == 0:
            s["z_t"], s["z_w"], s["wet"] = e1, e2, u[2] < f
        else:
            s["z_t"] = 0.7 * s["z_t"] + math.sqrt(1 - 0.49) * e1
            s["z_w"] = 0.5 * s["z_w"] + math.sqrt(1 - 0.25) * e2
            s["wet"] = u[2] < (p[_P_PWW] if s["wet"] else p[_P_PWD])
        anomaly = p[_P_SIGMA] * s["z_t"]
        dtr_factor = 1 + 0.3 * (f - s["wet"])
        dtr_normal = p[_P_TMAX] - p[_P_TMIN]
        out = {"air_temperature_mean": p[_P_TMEAN] + anomaly}
        out["air_temperature_max"] = p[_P_TMAX] + anomaly + (dtr_factor - 1) * dtr_normal / 2
        out["air_temperature_min"] = p[_P_TMIN] + anomaly - (dtr_factor - 1) * dtr_normal / 2
        t = out["air_temperature_mean"]
        prec = p[_P_AMOUNT] * -math.log(u[3]) if s["wet"] else 0.0
        snowfall = prec * min(1.0, max(0.0, (3 - t) / 4))
        if s["swe"] > 0:
            s["rho"] = 300 + (s["rho"] - 300) * math.exp(-0.24)
        if snowfall > 0:
            rho_fresh = 67.92 + 51.25 * math.exp(min(t, 0) / 2.59)
            volume = s["swe"] / s["rho"] + snowfall / rho_fresh
            s["swe"] += snowfall
            s["rho"] = s["swe"] / volume
        s["swe"] = max(0.0, s["swe"] - 4 * max(t, 0))
        depth = s["swe"] / s["rho"] if s["swe"] > 0 else 0.0
        k = 1 / p[_P_WIND_INV_SHAPE]
        phi = 0.5 * (1 + math.erf(s["z_w"] / math.sqrt(2)))
        wind = p[_P_WIND_SCALE] * (-math.log(1 - phi)) ** (1 / k) if phi > 0 else 0.0
        e_normal = math.exp(17.62 * p[_P_TMEAN] / (243.12 + p[_P_TMEAN]))
        e_today = math.exp(17.62 * t / (243.12 + t))
        rh = min(1.0, max(0.02, p[_P_RH] * math.sqrt(e_normal / e_today) * (1 + 0.15 * (s["wet"] - f))))
        s["warm"] = s["warm"] + 1 if s["z_t"] >= EXTREME_QUANTILE_Z else 0
        s["cold"] = s["cold"] + 1 if s["z_t"] <= -EXTREME_QUANTILE_Z else 0
        lying = depth >= 0.05 and t < 0
        out.update(
            precipitation=prec,
            snowfall=snowfall,
            snow_depth=depth,
            snow_water_equivalent=s["swe"],
            wind_speed=wind,
            relative_humidity=rh,
            blizzard=(snowfall >= 1 or lying) and wind >= (7.7 if t < 0 else 9.9),
            sandstorm=not s["wet"] and s["swe"] <= 0 and wind >= p[_P_DUST_WIND],
            heat_wave=s["warm"] >= EXTREME_MIN_DAYS and out["air_temperature_max"] >= HEAT_WAVE_TMAX_FLOOR,
            cold_snap=s["cold"] >= 3,
        )
        days.append(out)
    return days


# --- public stepping API -------------------------------------------------------------------------------------------


def _run(params: np.ndarray, state: WeatherState, n_days: int, given_u: np.ndarray | None):
    n = state.n_runs
    tz = state.temperature_z.astype(float, copy=True)
    wz = state.wind_z.astype(float, copy=True)
    wet = state.wet.astype(bool, copy=True)
    swe = state.snow_water_equivalent.astype(float, copy=True)
    rho = state.snow_density.astype(float, copy=True)
    warm = state.warm_days.astype(np.int32, copy=True)
    cold = state.cold_days.astype(np.int32, copy=True)
    out_f = np.empty((len(_DAY_FLOAT_FIELDS), n, n_days), dtype=np.float32)
    out_b = np.empty((len(_DAY_FLAG_FIELDS), n, n_days), dtype=np.bool_)
    u = np.empty((0, 0, _N_DRAWS)) if given_u is None else np.ascontiguousarray(given_u, dtype=float)
    kernel = _weather_kernel_parallel if n * n_days >= PARALLEL_MIN_RUN_DAYS else _weather_kernel_serial
    kernel(
        np.ascontiguousarray(params),
        state.key,
        state.step,
        n_days,
        u,
        tz,
        wz,
        wet,
        swe,
        rho,
        warm,
        cold,
        out_f,
        out_b,
        _WIND_TABLE,
    )
    new_state = replace(
        state,
        step=state.step + n_days,
        temperature_z=tz,
        wind_z=wz,
        wet=wet,
        snow_water_equivalent=swe,
        snow_density=rho,
        warm_days=warm,
        cold_days=cold,
    )
    values = dict(zip(_DAY_FLOAT_FIELDS, out_f, strict=True))
    values.update(zip(_DAY_FLAG_FIELDS, out_b, strict=True))
    return values, new_state


def step_weather(state: WeatherState, normals, day_of_year=None, rng=None) -> tuple[DayWeather, WeatherState]:
    """Advance every run's weather by one day.

    Parameters
    ----------
    state : WeatherState
        Weather memory of the runs (from :func:`init_weather` or a previous step); not modified.
    normals : DailyNormals-like
        The day's normals at each run's position: any object with the fields ``air_temperature_mean``,
        ``air_temperature_min``, ``air_temperature_max`` [°C], ``precipitation`` [mm day-1], ``wind_speed``
        [m s-1] and ``relative_humidity`` [-], each a scalar or an array (runs,).
    day_of_year : int, optional
        Day of the year 1..366, checked but not needed: the season enters through the normals.  A
        ``numpy.random.Generator`` passed here is taken as ``rng`` (the three-argument form
        ``step_weather(state, normals, rng)``).
    rng : numpy.random.Generator, optional
        Draw the day's uniforms from this generator instead of the per-run counter-based streams; a run's
        weather then depends on the batch it is in.

    Returns
    -------
    weather : DayWeather
        The day's weather, fields (runs,) float32 / bool.
    state : WeatherState
        The state after the day.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> normals = SimpleNamespace(air_temperature_mean=-20.0, air_temperature_min=-25.0, air_temperature_max=-15.0,
    ...                           precipitation=0.5, wind_speed=3.0, relative_humidity=0.8)
    >>> day, state = step_weather(init_weather(4, seed=7), normals)
    >>> day.air_temperature_mean.shape, state.step
    ((4,), 1)
    """
    if isinstance(day_of_year, np.random.Generator):
        day_of_year, rng = None, day_of_year
    if not isinstance(state, WeatherState):
        raise InputError(f"state must be a WeatherState from init_weather, got {type(state).__name__}")
    if day_of_year is not None:
        doy = np.asarray(day_of_year)
        if not np.issubdtype(doy.dtype, np.integer) or np.any((doy < 1) | (doy > 366)):
            raise InputError(f"day_of_year must be an integer 1..366, got {day_of_year!r}")
    params = _day_parameters(normals, state.n_runs, "step_weather")
    params = params[:, None, :]
    given_u = None
    if rng is not None:
        if not isinstance(rng, np.random.Generator):
            raise InputError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
        given_u = rng.random((state.n_runs, 1, _N_DRAWS))
        np.maximum(given_u, 2.0**-54, out=given_u)  # the kernel takes log(u): keep u in (0, 1)
    values, new_state = _run(params, state, 1, given_u)
    return DayWeather(**{k: v[:, 0] for k, v in values.items()}), new_state


def advance_weather(state: WeatherState, normals, block: int = 25) -> WeatherState:
    """Advance every run's weather over a run of days whose normals all runs share, keeping only the state.

    What a spin-up needs (the snowpack and the spells of the season before a journey starts): the state after
    ``len(normals)`` calls of :func:`step_weather`, one per day with that day's normals, bit for bit, in a few calls
    of the kernel instead of one a day.

    Parameters
    ----------
    state : WeatherState
        Weather memory of the runs; not modified.
    normals : DailyNormals-like
        The normals of each day in turn: the fields listed in :func:`step_weather`, each an array (days,).
    block : int
        Days per kernel call (bounds the day-by-day output the kernel writes and this function drops).

    Returns
    -------
    WeatherState
        The state after the last day.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> normals = SimpleNamespace(air_temperature_mean=np.full(30, -20.0), air_temperature_min=np.full(30, -25.0),
    ...                           air_temperature_max=np.full(30, -15.0), precipitation=np.full(30, 0.5),
    ...                           wind_speed=np.full(30, 3.0), relative_humidity=np.full(30, 0.8))
    >>> advance_weather(init_weather(4, seed=7), normals).step
    30
    """
    if not isinstance(state, WeatherState):
        raise InputError(f"state must be a WeatherState from init_weather, got {type(state).__name__}")
    params = _day_parameters(normals, None, "advance_weather")
    for start in range(0, params.shape[0], block):
        part = params[None, start:start + block, :]
        _, state = _run(part, state, part.shape[1], None)
    return state


def as_dates(value, what: str) -> np.ndarray:
    """Dates (a date, datetime, YYYY-MM-DD string, datetime64, or a list/array of them) as datetime64[D]."""
    try:
        if isinstance(value, _dt.datetime):
            value = value.date()
        return np.asarray(value, dtype="datetime64[D]")
    except (TypeError, ValueError):
        raise InputError(f"{what}: {value!r} is not a date; write it as YYYY-MM-DD") from None


def _track(values, n_days: int, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    if arr.ndim == 0:
        return np.full(n_days, float(arr))
    if arr.shape != (n_days,):
        raise InputError(f"{name} must be a number or an array of n_days = {n_days} values, got shape {arr.shape}")
    return arr


def generate_weather(
    climatology,
    lat,
    lon,
    elevation,
    start_date,
    n_days: int,
    n_runs: int = 1,
    seed: int = 0,
    *,
    run_index=None,
    state: WeatherState | None = None,
) -> WeatherSeries:
    """Daily weather for ``n_runs`` runs over ``n_days`` days at a fixed place or along a planned track.

    Built on the same kernel as :func:`step_weather`: the series equals ``n_days`` calls of it with the day's
    normals, and run *k*'s series depends only on ``seed`` and its index ``k`` (see :func:`run_keys`).

    Parameters
    ----------
    climatology : Climatology
        Anything with ``daily_normals(lat, lon, elevation, day_of_year)`` returning the fields listed in
        :func:`step_weather` (e.g. :func:`longwalk.atlas.climate.builtin_climate`).
    lat, lon : float or array_like
        Position [degree]: scalars for a fixed place or arrays (n_days,) for the position on each day.
    elevation : float or array_like
        Ground elevation [m], scalar or (n_days,).
    start_date : date, datetime64 or str
        Date of the first day (YYYY-MM-DD).
    n_days, n_runs : int
        Number of days (>= 1) and of runs (>= 1).
    seed : int
        Ensemble seed (>= 0).
    run_index : array_like of int, optional
        Global indices of the runs (default ``0..n_runs-1``).
    state : WeatherState, optional
        Continue from this state (snowpack, spells) instead of a fresh one; ``seed`` and ``run_index`` are then
        ignored.

    Returns
    -------
    WeatherSeries
        Fields (runs, days) float32 / bool, with ``dates`` and the track.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> class Flat:
    ...     def daily_normals(self, lat, lon, elevation, day_of_year):
    ...         return SimpleNamespace(air_temperature_mean=10.0, air_temperature_min=5.0, air_temperature_max=15.0,
    ...                                precipitation=2.0, wind_speed=3.0, relative_humidity=0.6)
    >>> generate_weather(Flat(), 50.0, 100.0, 500.0, "2024-05-01", n_days=30, n_runs=3, seed=1).shape
    (3, 30)
    """
    if isinstance(n_days, bool) or not isinstance(n_days, int | np.integer) or n_days < 1:
        raise InputError(f"n_days must be a positive integer, got {n_days!r}")
    if state is None:
        state = init_weather(n_runs, seed, run_index=run_index)
    elif state.n_runs != n_runs:
        raise InputError(f"state holds {state.n_runs} runs but n_runs is {n_runs}")
    start = as_dates(start_date, "start_date")
    if start.ndim:
        raise InputError(f"start_date must be a single date, got {start_date!r}")
    dates = start + np.arange(n_days)
    lat_t = _track(lat, n_days, "lat")
    lon_t = _track(lon, n_days, "lon")
    elev_t = _track(elevation, n_days, "elevation")
    check_lat_lon(lat_t, lon_t, "generate_weather")
    if not np.all(np.isfinite(elev_t)) or np.any(elev_t < -450) or np.any(elev_t > 9000):
        raise InputError("elevation must lie between -450 and 9000 m")
    if not hasattr(climatology, "daily_normals"):
        raise InputError("climatology must have a daily_normals(lat, lon, elevation, day_of_year) method")
    normals = climatology.daily_normals(lat_t, lon_t, elev_t, day_of_year(dates))
    params = _day_parameters(normals, n_days, "generate_weather")
    values, final_state = _run(params[None, :, :], state, n_days, None)
    return WeatherSeries(
        **values, dates=dates, lat=lat_t, lon=lon_t, elevation=elev_t, final_state=final_state
    )
