"""Places: nearest-neighbour search against brute force, name resolution, suggestions, coverage."""

import re
import unicodedata

import numpy as np
import pytest

from longwalk.atlas import Places, builtin_places
from longwalk.atlas.places import _latin_names, normalize_name, place_kind
from longwalk.errors import InputError


def haversine(lat1, lon1, lat2, lon2, r=6371008.8):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(h))


@pytest.fixture(scope="module")
def world():
    return builtin_places()


@pytest.fixture(scope="module")
def small():
    rng = np.random.default_rng(11)
    n = 300
    return Places(
        [f"p{i}" for i in range(n)], rng.uniform(40, 60, n), rng.uniform(90, 130, n), rng.integers(0, 10**6, n),
        ["RU"] * n,
    )


def test_nearest_matches_brute_force(small):
    rng = np.random.default_rng(5)
    lat, lon = rng.uniform(42, 58, 50), rng.uniform(92, 128, 50)
    dist, idx = small.query(lat, lon, k=4)
    assert dist.shape == idx.shape == (50, 4)
    brute = haversine(lat[:, None], lon[:, None], small.lat[None, :], small.lon[None, :])
    expected = np.argsort(brute, axis=1)[:, :4]
    # Same neighbours (ellipsoid vs sphere can only swap near-ties, which random points do not produce here).
    assert np.array_equal(np.sort(idx, axis=1), np.sort(expected, axis=1))
    # Geodesic distances within 0.5 % of the spherical ones, nearest first.
    assert dist == pytest.approx(np.take_along_axis(brute, idx, axis=1), rel=5e-3)
    assert np.all(np.diff(dist, axis=1) >= 0)


def test_world_nearest_lhasa(world):
    near = world.nearest(29.65, 91.13, k=5)
    assert "Lhasa" in [p.name for p in near]
    lhasa = next(p for p in near if p.name == "Lhasa")
    assert lhasa.country == "CN" and lhasa.population > 100_000 and lhasa.kind == "city"


def test_world_coverage_of_way_back_region(world):
    region = world.within((20, 70, 70, 140))
    assert len(region) > 20_000
    assert region.lat.min() >= 20 and region.lon.max() <= 140
    # Small places in Siberia, Mongolia and Tibet are there (GeoNames cities500).
    for name in ["Khuzhir", "Tögrög", "Nagqu", "Ust'-Kut", "Mörön", "Shigatse", "Olyokminsk"]:
        assert region.resolve(name).name, name


@pytest.mark.parametrize(
    ("query", "name", "country"),
    [
        ("lhasa", "Lhasa", "CN"),
        ("LHASA", "Lhasa", "CN"),
        ("Yakutsk", "Yakutsk", "RU"),
        ("Jakutsk", "Yakutsk", "RU"),  # an alternate name
        ("togrog", "Tögrög", "MN"),  # diacritics ignored
        ("Ulaanbaatar", "Ulan Bator", "MN"),
        ("irkutsk, ru", "Irkutsk", "RU"),
    ],
)
def test_resolve(world, query, name, country):
    place = world.resolve(query)
    assert place.name == name and place.country == country


def test_resolve_prefers_most_populous(world):
    # Several places are called Moscow; the capital is the one returned.
    assert world.resolve("Moscow").population > 10_000_000


def test_unresolved_name_suggests_nearest_spellings(world):
    with pytest.raises(InputError) as err:
        world.resolve("Yakutks")
    message = str(err.value)
    assert "'Yakutks'" in message and "Yakutsk (RU" in message


def test_unresolved_with_country(world):
    with pytest.raises(InputError, match="in country MN"):
        world.resolve("Irkutsk, MN")


def test_normalize_and_kind():
    assert normalize_name("Ust’-Barguzin") == normalize_name("ust barguzin") == "ust barguzin"
    assert place_kind([99_999, 100_000, 9_999, 10_000]).tolist() == ["town", "city", "village", "town"]


def _fold_by_definition(name: str) -> str:
    """The folding written out character by character (the slow, obvious form of ``normalize_name``)."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\W_]+", " ", stripped).strip()


# Scripts, ligatures, full-width forms, dotted capitals, a lone combining-only letter, digits of other scripts,
# punctuation only: the cases where a shortcut could part from the definition.
EDGE_NAMES = ["Straße", "ﬁnland", "Ｔｏｋｙｏ", "Ust'-Kut", "Иркутск", "Ḫattuša", "ÆØÅ", "ͺ", "北京", "Dún Laoghaire",
              "  --  ", "İstanbul", "x_y", "١٢٣", "Ǆemal", "Ölgii", "Þórshöfn", "Ṭhimphu", "ʻAbasān", "Tögrög"]


@pytest.mark.parametrize("name", EDGE_NAMES)
def test_fast_folding_is_the_definition(name):
    folded = _fold_by_definition(name)
    assert normalize_name(name) == folded
    assert _latin_names([name]) == ([name] if folded and folded.isascii() else [])


def test_latin_names_keep_the_ones_that_fold_to_ascii():
    kept = _latin_names(EDGE_NAMES)
    assert kept == [n for n in EDGE_NAMES if _fold_by_definition(n) and _fold_by_definition(n).isascii()]
    assert "Straße" in kept and "Иркутск" not in kept and "  --  " not in kept


def test_round_trip_arrays(small):
    back = Places.from_arrays(small.to_arrays())
    assert back.name.tolist() == small.name.tolist()
    assert np.array_equal(back.lat, small.lat)
    assert back[3] == small[3]


def test_query_min_population_matches_filtered_brute_force(small):
    lat, lon = np.array([45.0, 55.0]), np.array([100.0, 120.0])
    dist, idx = small.query(lat, lon, k=2, min_population=500_000)
    big = np.flatnonzero(small.population >= 500_000)
    brute = haversine(lat[:, None], lon[:, None], small.lat[None, big], small.lon[None, big])
    assert np.array_equal(idx, big[np.argsort(brute, axis=1)[:, :2]])
    assert (small.population[idx] >= 500_000).all()


def test_a_regions_places_are_read_without_the_worlds_table(world):
    """A first run reads only its region's records from the GeoNames file (places_within, before the world's table
    is cached): the same places, columns and order as selecting them from the world's table, which is parsed whole
    by the JSON parser — an independent reading of the same file."""
    from longwalk.atlas import places as P

    cases = [((25.0, 61.0, 86.0, 112.0), False), ((-40.0, -10.0, 110.0, 155.0), False),
             ((60.0, 70.0, 170.0, 190.0), True), ((89.0, 90.0, -180.0, 180.0), False)]
    for (south, north, west, east), wrap in cases:
        lon = world.lon
        lon_ok = (lon >= west) | (lon <= east - 360.0) if wrap else (lon >= west) & (lon <= east)
        ref = world.subset((world.lat >= south) & (world.lat <= north) & lon_ok)
        got = P._read_geonames(lambda lat, lon, s=south, n=north, w=west, e=east, wrap=wrap:
                               (lat >= s) & (lat <= n) & (((lon >= w) | (lon <= e - 360.0)) if wrap
                                                          else (lon >= w) & (lon <= e)))
        for column in ("name", "lat", "lon", "population", "country", "alternates"):
            assert getattr(got, column).tolist() == getattr(ref, column).tolist(), column


def test_places_within_uses_the_worlds_table_once_it_is_cached(world, monkeypatch):
    from longwalk.atlas import places as P

    def no_scan(*args):
        raise AssertionError("the GeoNames file was read again")

    monkeypatch.setattr(P, "_read_geonames", no_scan)
    got = P.places_within((50.0, 55.0, 100.0, 110.0))
    assert got.name.tolist() == world.within((50.0, 55.0, 100.0, 110.0)).name.tolist()
    assert len(got) > 100


def test_a_region_inside_one_read_before_is_selected_from_it(world, monkeypatch, tmp_path):
    """A run's report map covers a region inside its routing window: its places come from the window's, not from
    a second reading of the file, and are the world's places of that region."""
    import functools

    from longwalk.atlas import places as P

    class NotConverted:  # the world's table neither in memory nor cached
        def cache_info(self):
            return functools._CacheInfo(0, 0, 1, 0)

        def __call__(self):
            raise AssertionError("the world's table was converted")

    monkeypatch.setattr(P, "builtin_places", NotConverted())
    monkeypatch.setattr(P, "_places_cache_path", lambda: tmp_path / "absent.npz")
    monkeypatch.setattr(P, "_REGIONS", {})
    P.places_within((25.0, 61.0, 86.0, 112.0))

    def no_scan(*args):
        raise AssertionError("the GeoNames file was read again")

    monkeypatch.setattr(P, "_read_geonames", no_scan)
    got = P.places_within((26.0, 60.0, 87.0, 111.0))
    ref = world.within((26.0, 60.0, 87.0, 111.0))
    for column in ("name", "lat", "lon", "population", "country", "alternates"):
        assert getattr(got, column).tolist() == getattr(ref, column).tolist(), column
    with pytest.raises(AssertionError, match="read again"):
        P.places_within((20.0, 30.0, 86.0, 112.0))  # not inside: read from the file
