"""The climatological 10 m wind speed: an ESTIMATE (no wind normals are fitted), FAO-56's global default plus
regional features read from sources on Asia."""

from __future__ import annotations

import numpy as np

BUILTIN_DOMAIN = (20.0, 70.0, 70.0, 140.0)  # south, north, west, east [degree] of the regional wind features


# FAO-56 (Allen et al. 1998, ch. 3, "missing wind speed data"): where no wind data exist, 2 m s-1 at 2 m height
# is the recommended global estimate; converted to 10 m with FAO-56 eq. 47: u10 = u2 ln(67.8*10 - 5.42) / 4.87.
WIND_SPEED_ESTIMATE = 2.0 * np.log(67.8 * 10.0 - 5.42) / 4.87  # ESTIMATE [m s-1], not fitted to any data

# Regional features of the mean 10 m wind added to WIND_SPEED_ESTIMATE by climatological_wind_speed: each is
# (amplitude [m s-1], centre latitude, centre longitude [degree], e-folding half-widths in latitude and longitude
# [degree], month of the seasonal peak, seasonal sharpness kappa [-]; kappa = 0: the same all year).  Amplitudes and
# shapes are ESTIMATES read from the sources given in climatological_wind_speed's docstring and docs/climate.md.
WIND_FEATURES = {
    # Siberian(-Mongolian) High: calm, stagnant winter air; centre near 45-50°N, 90-105°E (Rao & Ramamurti 1968)
    # (its calm reaches north-east to Yakutia's cold pole, hence the wide footprint)
    "siberian_high_calm": (-1.5, 57.0, 112.0, 12.0, 35.0, 1.0, 1.5),
    # Mongolian plateau and Gobi: windy all year (aimag means 3-5, 4.2-5.2 m s-1), strongest in spring
    "gobi_mean": (1.3, 45.0, 104.0, 4.0, 11.0, 0.0, 0.0),
    "gobi_spring": (2.3, 44.5, 104.0, 4.0, 11.0, 4.5, 2.0),
    # Tibetan plateau: westerlies at the surface in winter-spring, strongest in spring, weakest in autumn
    "tibet_mean": (0.6, 33.0, 88.0, 5.0, 13.0, 0.0, 0.0),
    "tibet_spring": (1.3, 33.0, 88.0, 5.0, 13.0, 3.0, 1.5),
    # Indian monsoon plains: weak winds (all-India annual mean 1.4-2.7 m s-1, Jaswal & Koppar 2013)
    "indian_plains": (-0.9, 24.0, 82.0, 6.0, 12.0, 0.0, 0.0),
}
#: Elevation [m] over which the Tibetan features switch on (a smooth step from WIND_PLATEAU_BASE to + 1500 m), so
#: the plateau's winds are not spread onto the Indian and Sichuan lowlands beside it (ESTIMATE).
WIND_PLATEAU_BASE = 2500.0
#: Distance [degree] outside BUILTIN_DOMAIN over which the Asian wind features fade out (linearly; ESTIMATE)
WIND_DOMAIN_TAPER = 5.0
WIND_MINIMUM = 0.8  # [m s-1] floor of the estimate: even calm stations average about 1 m s-1 (ESTIMATE)


def _seasonal_peak(month, peak_month, kappa):
    """exp(kappa (cos(2 pi (month - peak) / 12) - 1)): 1 at the peak month, falling off over the year."""
    return np.exp(kappa * (np.cos(2.0 * np.pi * (np.asarray(month, dtype=float) - peak_month) / 12.0) - 1.0))


def climatological_wind_speed(lat, lon, elevation, month):
    """Monthly mean wind speed at 10 m [m s-1]: a smooth regional and seasonal ESTIMATE (no wind data are fitted).

    ``U = U0 + sum_i A_i w_i(lat, lon, z) s_i(month)``, floored at 0.8 m s-1, where ``U0 = 2.67 m s-1`` is the FAO-56
    global default (:data:`WIND_SPEED_ESTIMATE`), each regional feature ``i`` (:data:`WIND_FEATURES`) has a
    Gaussian footprint ``w_i = exp(-((lat - lat_i)/a_i)^2 / 2 - ((lon - lon_i)/b_i)^2 / 2)`` and a seasonal shape
    ``s_i = exp(kappa_i (cos(2 pi (month - m_i)/12) - 1))``, and the Tibetan features are switched on by elevation
    (0 below 2500 m, 1 above 4000 m).  The features and what sets their size:

    * **Siberian High** (-1.5 m s-1, peak January): the cold anticyclone centred near 45-50°N, 90-105°E in winter
      (Rao & Ramamurti 1968, IMD Forecasting Manual I-2) keeps the surface air stagnant — Yakutsk, Irkutsk and
      Ulaanbaatar have their calmest months in winter.  Gives about 1.5 m s-1 at Yakutsk in January (ESTIMATE).
    * **Mongolian plateau and Gobi** (+1.3 all year, +2.3 peaking mid-April to May): aimag climatologies of the
      Mongolian meteorological service give annual means of 3-5 (recently 4-6) m s-1 in Dundgovi and 4.2-5.2 in
      Övörkhangai, and winds strongest in spring, weakest in winter and summer in Ömnögovi (Dalanzadgad); 61 % of
      Mongolia's dust storms come in spring (Natsagdorj, Jugder & Chung 2003).  About 6 m s-1 at Dalanzadgad in
      April-May, 4 in summer (ESTIMATE).
    * **Tibetan plateau** (+0.6 all year, +1.3 peaking in March): station winds are highest in spring and lowest
      in autumn, higher in the north and west (You et al. 2010, Clim. Res. 42, 57; You et al. 2014, Int. J. Climatol.
      34, 1873) and follow the westerlies (a homogenised 104-station series, 1961-2020).  About 4 m s-1 at Nagqu in
      March, 3 in autumn (ESTIMATE).
    * **Indian plains** (-0.9 all year): the all-India annual mean surface wind fell from 9.7 km h-1 (2.7 m s-1) in
      1961 to 5.0 km h-1 (1.4 m s-1) in 2008, and hardly any north Indian station averages above 10 km h-1
      (Jaswal & Koppar 2013, Mausam 64, 417).  About 1.8 m s-1 at Delhi.

    Terrain exposure (valleys against ridges) is not represented: the estimate is a regional mean, so a sheltered
    valley station (Lhasa) is overstated and an exposed pass understated.

    The features were read from sources on Asia only, so they act only inside :data:`BUILTIN_DOMAIN` (20-70°N,
    70-140°E), fading to nothing over :data:`WIND_DOMAIN_TAPER` outside it; everywhere else the estimate is the
    FAO-56 global default (no wind normals being in the WMO table, nothing better is fitted).

    Parameters
    ----------
    lat, lon : [degree].
    elevation : [m].
    month : month number 1..12 (fractional values interpolate the seasonal shapes); all broadcast together.

    Far from every feature (e.g. 0°N 0°E at sea level) it is the FAO-56 default, 2 / 0.748 m s-1:

    >>> round(float(climatological_wind_speed(0.0, 0.0, 0.0, 1)), 2)
    2.67
    """
    lat, lon, z, month = (np.asarray(a, dtype=float) for a in (lat, lon, elevation, month))
    plateau = np.clip((z - WIND_PLATEAU_BASE) / 1500.0, 0.0, 1.0)
    u = np.full(np.broadcast_shapes(lat.shape, lon.shape, z.shape, month.shape), WIND_SPEED_ESTIMATE)
    s, n, w, e = BUILTIN_DOMAIN
    lon = ((lon + 180.0) % 360.0) - 180.0
    outside = np.hypot(np.maximum(np.maximum(s - lat, lat - n), 0.0), np.maximum(np.maximum(w - lon, lon - e), 0.0))
    domain = np.clip(1.0 - outside / WIND_DOMAIN_TAPER, 0.0, 1.0)
    for name, (amplitude, lat0, lon0, half_lat, half_lon, peak, kappa) in WIND_FEATURES.items():
        # footprint and season are separable: each is evaluated on its own (smaller) broadcast shape
        footprint = amplitude * domain * np.exp(-0.5 * ((lat - lat0) / half_lat) ** 2
                                                - 0.5 * ((lon - lon0) / half_lon) ** 2)
        if name.startswith("tibet"):
            footprint = footprint * plateau
        u += footprint * _seasonal_peak(month, peak, kappa)
    return np.maximum(u, WIND_MINIMUM)
