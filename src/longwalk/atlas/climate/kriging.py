"""The fitted model's mathematics: trend features, the Gaussian-process kernel and its compiled sums, universal
kriging with its leave-one-out and block residuals, and the transforms that keep every quantity physical."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numba
import numpy as np

from longwalk.atlas.climate.normals import (
    EARTH_RADIUS,
    MONTH_DAYS,
    PRECIPITATION_OFFSET,
    _unit_vectors,
    expit,
    logit,
    saturation_vapour_pressure,
)

# --------------------------------------------------------------------------------------------------------------
# The fitted model: trend features, Gaussian-process residuals
# --------------------------------------------------------------------------------------------------------------


def _sphere_monomials(u: np.ndarray) -> list[np.ndarray]:
    """Monomials x^a y^b z^c of the unit vector with a <= 1, degree <= 4 (25): a basis of the spherical harmonics
    up to degree 4 (x^2 = 1 - y^2 - z^2 on the sphere, so higher powers of x add nothing)."""
    x, y, z = u[..., 0], u[..., 1], u[..., 2]
    out = []
    for degree in range(5):
        for a in (0, 1):
            for b in range(degree - a + 1):
                out.append(x**a * y**b * z ** (degree - a - b))
    return out


def trend_features(lat, lon, elevation, ocean_distance) -> np.ndarray:
    """Trend regressors (..., 36) valid on the whole sphere; every scaling is a fixed constant.

    * 25 spherical-harmonic terms up to degree 4 (monomials of the unit position vector) and sin(lat)^5, ^6 — the
      large-scale pattern; their coefficients vary by month, so the seasons of the two hemispheres are opposite;
    * elevation z [km], z sin(lat), z sin(lat)^2 and z^2 — a lapse rate varying with latitude and season;
    * continentality: ln(1 + D / 50 km) and D / 1000 km (D the distance to the ocean), each also times sin(lat)
      and ln(1 + D / 50 km) times sin(lat)^2 — the seasonal amplitude grows inland, with opposite signs north and
      south.
    """
    lat = np.asarray(lat, dtype=float)
    u = _unit_vectors(lat, np.asarray(lon, dtype=float))
    s = u[..., 2]
    z = np.asarray(elevation, dtype=float) / 1000.0
    d = np.asarray(ocean_distance, dtype=float) / 1e6
    ld = np.log1p(d * 20.0)  # ln(1 + D / 50 km)
    cols = [*_sphere_monomials(u), s**5, s**6, z, z * s, z * s * s, z * z, ld, ld * s, ld * s * s, d, d * s]
    return np.stack(np.broadcast_arrays(*cols), axis=-1)


N_TREND = 36
#: Trend columns used when a station table is too small for all of them: constant, the position vector,
#: elevation, continentality (8 stations or more); constant and elevation (fewer).
_SMALL_TREND = np.array([0, 1, 2, 3, 27, 31])
_TINY_TREND = np.array([0, 27])


def _gp_coordinates(lat, lon, elevation, elevation_scale) -> np.ndarray:
    """Points in a 4-D space [m]: 3-D chord position on the sphere, and elevation times ``elevation_scale``."""
    xyz = _unit_vectors(lat, lon) * EARTH_RADIUS
    return np.concatenate([xyz, (np.asarray(elevation, dtype=float) * elevation_scale)[..., None]], axis=-1)


def _covariance(a: np.ndarray, b: np.ndarray, length: float) -> np.ndarray:
    """Exponential covariance ``exp(-r / L)`` between point sets a (n, 4) and b (m, 4) [-]."""
    sq = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2.0 * a @ b.T
    return np.exp(-np.sqrt(np.maximum(sq, 0.0)) / length)


@numba.njit(cache=True, fastmath=True, parallel=True)
def _kernel_block(query, knots, inv_length, out):
    """``out[i, j] = exp(-|query_i - knots_j| * inv_length)`` for query (m, 4), knots (n, 4), out (m, n)."""
    for i in numba.prange(query.shape[0]):
        q0, q1, q2, q3 = query[i, 0], query[i, 1], query[i, 2], query[i, 3]
        for j in range(knots.shape[0]):
            d0 = q0 - knots[j, 0]
            d1 = q1 - knots[j, 1]
            d2 = q2 - knots[j, 2]
            d3 = q3 - knots[j, 3]
            out[i, j] = math.exp(-math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) * inv_length)


_KRIGE_CHUNK = 512  # query points per kernel block: a (512, knots) matrix of ~20 MB for the world model


def kriged_sum(query, knots, alpha, length):
    """``out[i, k] = sum_j exp(-|query_i - knots_j| / length) alpha[j, k]``: ``_covariance(query, knots) @ alpha``,
    formed a block of query points at a time (the kernel compiled and threaded, the product by BLAS).
    query (m, 4), knots (n, 4) [m], alpha (n, k)."""
    query = np.ascontiguousarray(query, dtype=float)
    knots = np.ascontiguousarray(knots, dtype=float)
    out = np.empty((query.shape[0], alpha.shape[1]))
    block = np.empty((min(_KRIGE_CHUNK, query.shape[0]), knots.shape[0]))
    for start in range(0, query.shape[0], _KRIGE_CHUNK):
        q = query[start:start + _KRIGE_CHUNK]
        w = block[: q.shape[0]]
        _kernel_block(q, knots, 1.0 / length, w)
        out[start:start + q.shape[0]] = w @ alpha
    return out


@numba.njit(cache=True)
def _kriged_rows(query, knots, alpha, inv_length, use):  # pragma: no cover - compiled
    """``out[i, k] = sum_j exp(-|query_i - knots_j| * inv_length) alpha[j, k]`` over the knots ``j`` where
    ``use[j]``, each row summed on its own in knot order: a row's bits depend on its point alone, not on the other
    rows (a matrix product's blocking may change the last bit with the number of rows).  Serial: it is called for
    a few dozen rows at a time, where starting threads costs more than it saves on a busy machine; the mask spares
    copying the knots used."""
    m, n, modes = query.shape[0], knots.shape[0], alpha.shape[1]
    out = np.empty((m, modes))
    w = np.empty(n)
    acc = np.empty(modes)
    for i in range(m):
        q0, q1, q2, q3 = query[i, 0], query[i, 1], query[i, 2], query[i, 3]
        for j in range(n):
            if use[j]:
                d0 = q0 - knots[j, 0]
                d1 = q1 - knots[j, 1]
                d2 = q2 - knots[j, 2]
                d3 = q3 - knots[j, 3]
                w[j] = math.exp(-math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3) * inv_length)
        acc[:] = 0.0
        for j in range(n):
            if use[j]:
                wj = w[j]
                for k in range(modes):
                    acc[k] += wj * alpha[j, k]
        out[i, :] = acc
    return out


@numba.njit(cache=True)
def _linear_rows(features, beta, scores, patterns):  # pragma: no cover - compiled
    """``features @ beta + scores @ patterns`` (m, 12), each row summed on its own in a fixed order (as
    :func:`_kriged_rows`: a row's bits do not depend on the other rows)."""
    m, p, modes, months = features.shape[0], features.shape[1], scores.shape[1], beta.shape[1]
    out = np.zeros((m, months))
    for i in range(m):
        for c in range(months):
            acc = 0.0
            for j in range(p):
                acc += features[i, j] * beta[j, c]
            for k in range(modes):
                acc += scores[i, k] * patterns[k, c]
            out[i, c] = acc
    return out


@numba.njit(cache=True)
def trilinear(values, corners, wy, wx, wz):
    """Trilinear interpolation between tabulated nodes: ``values`` (m, f) holds the nodes' fields; point i lies in
    the cell whose corners are rows ``corners[i]`` of it — (y, x), (y, x+1), (y+1, x), (y+1, x+1) on the lower
    level, then the same on the upper — with fractional offsets wy[i], wx[i] and wz[i] (weight ``1 - wz`` on the
    lower level).  Returns (n, f)."""
    n, nf = corners.shape[0], values.shape[1]
    out = np.empty((n, nf))
    for i in range(n):
        a, b, c = wy[i], wx[i], wz[i]
        w00, w01, w10, w11 = (1 - a) * (1 - b), (1 - a) * b, a * (1 - b), a * b
        k = corners[i]
        for f in range(nf):
            v_lo = w00 * values[k[0], f] + w01 * values[k[1], f] + w10 * values[k[2], f] + w11 * values[k[3], f]
            v_up = w00 * values[k[4], f] + w01 * values[k[5], f] + w10 * values[k[6], f] + w11 * values[k[7], f]
            out[i, f] = (1 - c) * v_lo + c * v_up
    return out


@dataclass(frozen=True)
class KrigingSettings:
    """Hyperparameters of the residual Gaussian process (chosen by cross-validation, ``docs/climate.md``).

    ``modes`` maps each fitted quantity (:data:`QUANTITIES`) to the number of EOFs of its monthly residuals kept.
    """

    length: float = 2.0e6  # correlation length [m]
    elevation_scale: float = 300.0  # metres of horizontal distance per metre of elevation difference [-]
    nugget: float = 0.03  # noise variance relative to the process variance [-]
    #: prior precision of each trend coefficient but the constant, relative to the process variance [-]: a weak
    #: ridge (Bayesian kriging) so a trend term the stations hardly constrain stays small instead of growing
    #: wild where they are absent
    trend_prior: float = 0.01
    modes: tuple = (("temperature", 8), ("diurnal_range", 4), ("max_share", 3), ("precipitation", 4),
                    ("wet_days", 4), ("humidity", 4))

    def modes_of(self, quantity: str) -> int:
        """Number of EOFs kept for ``quantity``."""
        return dict(self.modes)[quantity]


def universal_kriging(points, features, values, settings: KrigingSettings, blocks=None):
    """Fit a universal kriging model; return (beta (p, k), alpha (n, k), loo_residual (n, k)[, block residual]).

    ``beta = (X' C^-1 X)^-1 X' C^-1 y`` (generalised least squares), ``alpha = C^-1 (y - X beta)``; the prediction at
    a new point is ``x* beta + c*' alpha``.  The leave-one-out residual ``y_i - y_hat_(-i)`` is ``(Q y)_i / Q_ii``
    with ``Q = C^-1 - C^-1 X (X' C^-1 X)^-1 X' C^-1`` (Dubrule 1983, Math. Geol. 15, 687–699): exactly what refitting
    without station i gives, at the cost of one fit.  With a prior precision ``P`` on the trend coefficients
    (``settings.trend_prior``), ``X' C^-1 X`` becomes ``X' C^-1 X + P`` everywhere: Q is then the inverse of the
    covariance ``C + X P^-1 X'`` (Woodbury), so the same identities hold.
    The same identity for a block B of stations left out together,
    ``r_B = (Q_BB)^-1 (Q y)_B``, gives the spatial-block cross-validation residual when ``blocks`` (n,) labels them.
    """
    c = _covariance(points, points, settings.length) + settings.nugget * np.eye(len(points))
    c_inv = np.linalg.inv(c)
    cx = c_inv @ features
    prior = np.full(features.shape[1], settings.trend_prior)
    prior[0] = 0.0  # the constant is free
    gram = features.T @ cx + np.diag(prior)
    gram_inv = np.linalg.pinv(gram)  # pseudo-inverse: a trend term constant over the stations is simply unused
    beta = gram_inv @ (cx.T @ values)
    alpha = c_inv @ (values - features @ beta)
    q_diag = np.diag(c_inv) - np.einsum("ij,ji->i", cx, gram_inv @ cx.T)
    out = (beta, alpha, alpha / q_diag[:, None])
    if blocks is None:
        return out
    block_res = np.empty_like(alpha)
    for b in np.unique(blocks):
        idx = np.flatnonzero(blocks == b)
        if len(idx) == len(points):
            block_res[idx] = np.nan
            continue
        q_bb = c_inv[np.ix_(idx, idx)] - cx[idx] @ gram_inv @ cx[idx].T
        block_res[idx] = np.linalg.solve(q_bb, alpha[idx])
    return (*out, block_res)


def _eof_truncate(residual: np.ndarray, modes: int) -> tuple[np.ndarray, np.ndarray]:
    """Scores (n, modes) and patterns (modes, 12) of the leading EOFs of (n, 12) residuals."""
    _, _, vt = np.linalg.svd(residual, full_matrices=False)
    patterns = vt[:modes]
    return residual @ patterns.T, patterns


def _ols_residual(features, values):
    beta = np.linalg.lstsq(features, values, rcond=None)[0]
    return values - features @ beta, features @ beta


@dataclass
class FittedField:
    """One kriged quantity: y(month) = trend_month(x) + sum_k [c(x)' alpha_k] pattern_k(month)."""

    beta: np.ndarray  # (p, 12)
    alpha: np.ndarray  # (n_knots, modes)
    patterns: np.ndarray  # (modes, 12)
    loo: np.ndarray | None = None  # (n_used, 12) leave-one-out prediction, only after a fit
    block: np.ndarray | None = None  # (n_used, 12) spatial-block prediction, only after a fit with blocks
    rows: np.ndarray | None = None  # (n_used,) the knots (stations) the field was fitted to

    def predict(self, features, kriged) -> np.ndarray:
        """Field (m, 12) from trend features (m, p) and the kriged residual scores (m, modes); each row on its own
        (:func:`_linear_rows`), so a tabulated node's value does not depend on the nodes computed with it."""
        return _linear_rows(np.ascontiguousarray(features, dtype=float), np.ascontiguousarray(self.beta, dtype=float),
                            np.ascontiguousarray(kriged, dtype=float), np.ascontiguousarray(self.patterns, dtype=float))


def fit_field(points, features, values, settings: KrigingSettings, modes: int, blocks=None) -> FittedField:
    """Fit one field (n, 12) by universal kriging of the EOF-truncated residual from an OLS trend."""
    residual, trend = _ols_residual(features, values)
    modes = min(modes, len(values) - features.shape[1], 12)
    scores, patterns = _eof_truncate(residual, modes)
    target = trend + scores @ patterns
    # Krige the 12 months of the truncated target: beta per month; alpha lies in the span of the patterns.
    beta, alpha12, loo_res, *block_res = universal_kriging(points, features, target, settings, blocks)
    # alpha = Q target and Q X = 0, so alpha12 = (Q scores) patterns exactly: store it in EOF space.
    alpha = alpha12 @ patterns.T
    return FittedField(beta, alpha, patterns, loo=target - loo_res,
                       block=target - block_res[0] if block_res else None)


# --------------------------------------------------------------------------------------------------------------
# Transforms: each quantity is fitted in a space where every value is physically possible
# --------------------------------------------------------------------------------------------------------------

#: The quantities the model kriges, in the order of their kriged scores, and what each is (the transform maps a
#: bounded physical quantity onto the whole real line, so any fitted or extrapolated value maps back inside the
#: bounds):
QUANTITIES = ("temperature", "diurnal_range", "max_share", "precipitation", "wet_days", "humidity")
#: the mean daily range Tmax - Tmin is fitted as ln(range) (> 0); where the mean lies in the range, the share
#: s = (Tmax - T) / (Tmax - Tmin), as logit(s) (Tmin < T < Tmax); the wet-day fraction f (days >= 1 mm / days of
#: the month) as logit(f / f_max(P)); relative humidity (vapour pressure / mean of e0(Tmax) and e0(Tmin), FAO-56
#: eqs. 12 and 19) as logit(RH).
TRANSFORMED_BOUNDS = (0.01, 0.99)  # a fraction of exactly 0 or 1 in the data is taken as 1 % or 99 % [-]
WET_DAY_MINIMUM = 1.0  # [mm] the WMO wet-day threshold: a wet day has at least this much precipitation


def wet_day_fraction_bound(precipitation, days):
    """The most wet days a month's precipitation allows, as a fraction of its days [-].

    A wet day has at least 1 mm (WMO), so ``f <= P / (N * 1 mm)``; the smooth bound used is
    ``f_max = 1 - exp(-P / (N * 1 mm))``, below both that and 1 (ESTIMATE of the shape).

    Parameters
    ----------
    precipitation : monthly precipitation P [mm month-1].
    days : days in the month N [day].

    >>> round(float(wet_day_fraction_bound(31.0, 31.0)), 4)  # 1 - 1/e
    0.6321
    """
    return -np.expm1(-np.maximum(np.asarray(precipitation, dtype=float), 0.0) / (days * WET_DAY_MINIMUM))


def _clip_fraction(f):
    return np.clip(f, *TRANSFORMED_BOUNDS)


def transformed_targets(table) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each quantity of :data:`QUANTITIES` in its fitting space from a station table: name -> (rows, (n, 12)).

    Only stations with all twelve months of what a quantity needs are used for it.
    """
    t, tx, tn, p = table.air_temperature_mean, table.air_temperature_max, table.air_temperature_min, \
        table.precipitation
    wd, vp = getattr(table, "wet_days", None), getattr(table, "vapour_pressure", None)
    nan = np.full_like(t, np.nan)
    wd = nan if wd is None else wd
    vp = nan if vp is None else vp
    dtr = tx - tn
    out = {}
    ok = np.isfinite(t).all(1)
    out["temperature"] = (np.flatnonzero(ok), t[ok])
    ok = np.isfinite(dtr).all(1)
    out["diurnal_range"] = (np.flatnonzero(ok), np.log(np.maximum(dtr[ok], 0.1)))
    ok = np.isfinite(dtr).all(1) & np.isfinite(t).all(1)
    share = (tx[ok] - t[ok]) / np.maximum(dtr[ok], 0.1)
    out["max_share"] = (np.flatnonzero(ok), logit(_clip_fraction(share)))
    ok = np.isfinite(p).all(1)
    out["precipitation"] = (np.flatnonzero(ok), np.log(p[ok] + PRECIPITATION_OFFSET))
    ok = np.isfinite(p).all(1) & np.isfinite(wd).all(1)
    ratio = wd[ok] / MONTH_DAYS / np.maximum(wet_day_fraction_bound(p[ok], MONTH_DAYS), 1e-6)
    out["wet_days"] = (np.flatnonzero(ok), logit(_clip_fraction(ratio)))
    ok = np.isfinite(vp).all(1) & np.isfinite(dtr).all(1)
    es = 0.5 * (saturation_vapour_pressure(tx[ok]) + saturation_vapour_pressure(tn[ok])) * 10.0  # kPa -> hPa
    out["humidity"] = (np.flatnonzero(ok), logit(_clip_fraction(vp[ok] / es)))
    return out


def physical_fields(transformed: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The :data:`FIELDS` (but wind) from the quantities in their fitting space (each (n, 12)).

    Every output lies inside its physical bounds for any finite input: ``Tmin < T < Tmax``, ``P >= 0``,
    ``0 < wet_day_fraction < f_max(P) <= 1``, ``0 < relative_humidity < 1``.
    """
    t = transformed["temperature"]
    dtr = np.exp(transformed["diurnal_range"])
    share = expit(transformed["max_share"])
    p = np.maximum(np.exp(transformed["precipitation"]) - PRECIPITATION_OFFSET, 0.0)
    return dict(air_temperature_mean=t, air_temperature_max=t + share * dtr,
                air_temperature_min=t - (1.0 - share) * dtr, precipitation=p,
                wet_day_fraction=wet_day_fraction_bound(p, MONTH_DAYS) * expit(transformed["wet_days"]),
                relative_humidity=expit(transformed["humidity"]))
