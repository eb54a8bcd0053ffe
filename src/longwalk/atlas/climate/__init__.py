"""Monthly climate normals: the built-in fitted model, user station tables, and the common interface.

Every climatology implements :class:`Climatology`: ``normals(lat, lon, elevation, month)`` gives a month's normals
and ``daily_normals(lat, lon, elevation, day_of_year)`` the same fields interpolated smoothly through the year.

The built-in model (:func:`builtin_climate`) is a *universal kriging* fit to the WMO 1991–2020 normals of the
world's stations (``tools/fit_climate.py``; method, cross-validation by continent and limits in ``docs/climate.md``),
one fit for each of six quantities, each in a space where every value is physically possible (:data:`QUANTITIES`):
mean temperature, ln(diurnal range), logit(where the mean lies in the range), ln(P + 10 mm), logit(wet-day
fraction / its bound) and logit(relative humidity, from the vapour pressure):

* a smooth trend per month — spherical harmonics of the position to degree 4, elevation (a lapse rate that varies
  with latitude, plus curvature), and continentality (distance to the ocean and its logarithm, with latitude
  interactions), fitted by generalised least squares;
* plus the stations' residuals from that trend interpolated by a Gaussian process with an exponential covariance
  in (chord distance on the sphere, 150 km per km of elevation) — so a valley station's anomaly spreads to its
  valley, not to the ridge above it.  The residuals are stored as a few empirical orthogonal functions over the
  months.

Wind speed is an estimate (:func:`climatological_wind_speed`), computed, not stored in the coefficients.

The parts, each a module of this package (every name is importable from the package too, as before the split):

* :mod:`.normals` — the records (:class:`MonthlyNormals`, :class:`DailyNormals`), the interface every source
  implements (:class:`Climatology`) and pure functions of the calendar and the atmosphere;
* :mod:`.wind` — the wind speed estimate;
* :mod:`.ocean` — distance to the ocean;
* :mod:`.kriging` — trend features, kernels, universal kriging and the transforms;
* :mod:`.fitted` — :class:`FittedClimatology` (the built-in model, station tables) and its tabulated nodes;
* :mod:`.sources` — where the built-in model is valid, ``atlas point``'s normals, and the source a user names.

A WorldClim source (:mod:`longwalk.atlas.worldclim`) builds on :mod:`.normals` alone; :mod:`.sources` opens it
when asked, so the two do not import each other.
"""

from __future__ import annotations

from longwalk.atlas.climate.fitted import (  # noqa: F401
    _ELEVATION_NODES,
    _ELEVATION_STEP,
    _FAR_DISTANCE,
    _FAR_ELEVATION,
    _FAR_GROUP,
    _FAR_MIN_POINTS,
    _FAR_STEP,
    _KRIGE_TILE,
    _NODE_BATCH,
    _SLAB_NODES,
    _TILE_NODES,
    _TILE_SPACING,
    COEFFICIENTS_FILE,
    FittedClimatology,
    _expand,
    _far_levels,
    _FarFrame,
    _feature_columns,
    _node_positions,
    _NodeTable,
    builtin_climate,
    model_sources,
    station_climate,
)
from longwalk.atlas.climate.kriging import (  # noqa: F401
    _KRIGE_CHUNK,
    _SMALL_TREND,
    _TINY_TREND,
    N_TREND,
    QUANTITIES,
    TRANSFORMED_BOUNDS,
    WET_DAY_MINIMUM,
    FittedField,
    KrigingSettings,
    _clip_fraction,
    _covariance,
    _eof_truncate,
    _gp_coordinates,
    _kernel_block,
    _kriged_rows,
    _linear_rows,
    _ols_residual,
    _sphere_monomials,
    fit_field,
    kriged_sum,
    physical_fields,
    transformed_targets,
    trend_features,
    trilinear,
    universal_kriging,
    wet_day_fraction_bound,
)
from longwalk.atlas.climate.normals import (  # noqa: F401
    _FRACTION_FLOOR,
    _P_INDEX,
    _SLAB_FIELDS,
    EARTH_RADIUS,
    FIELDS,
    MONTH_DAYS,
    MONTH_MID_DAY,
    PRECIPITATION_OFFSET,
    UNITS,
    Climatology,
    DailyNormals,
    MonthlyNormals,
    _check_position,
    _positive,
    _unit_vectors,
    epstein_weights,
    expit,
    logit,
    saturation_vapour_pressure,
    toa_daily_insolation,
)
from longwalk.atlas.climate.ocean import (  # noqa: F401
    _TILE,
    _TILE_STEP,
    _coast_tree,
    _distance_tile,
    _exact_distance_to_ocean,
    distance_to_ocean,
)
from longwalk.atlas.climate.sources import (  # noqa: F401
    ANTARCTIC_LIMIT,
    GREENLAND_BOX,
    GREENLAND_ICE_MARGIN,
    _climate_source,
    check_climate_source,
    climate_point_data,
    climate_support,
    open_climatology,
)
from longwalk.atlas.climate.wind import (  # noqa: F401
    BUILTIN_DOMAIN,
    WIND_DOMAIN_TAPER,
    WIND_FEATURES,
    WIND_MINIMUM,
    WIND_PLATEAU_BASE,
    WIND_SPEED_ESTIMATE,
    _seasonal_peak,
    climatological_wind_speed,
)
