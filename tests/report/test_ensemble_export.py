"""ensemble.nc: every run's days with CF units, read back by an independent NetCDF library."""

import dataclasses

import numpy as np
import pytest
from journey_fixture import N_DAYS, make_result

from longwalk.engine.records import Status
from longwalk.report.export import EnsembleCollector, write_netcdf


def shorter(result, days):
    """The fixture cut to its first ``days`` days, as a batch that stopped early, with run id 1."""
    arrays = {f.name: getattr(result.daily, f.name) for f in dataclasses.fields(result.daily)}
    daily = dataclasses.replace(result.daily, **{k: v[:, :days] for k, v in arrays.items() if v is not None})
    return dataclasses.replace(result, daily=daily, n_days=days, run_ids=np.array([1]))


@pytest.fixture
def collected():
    collect = EnsembleCollector()
    collect(make_result())
    collect(shorter(make_result(), 8))
    return collect


def test_dataset_holds_every_run_day_and_person(collected):
    ds = collected.dataset("Tiny")
    assert dict(ds.sizes) == {"run": 2, "day": N_DAYS, "person": 2}
    assert ds["run"].values.tolist() == [0, 1] and ds["person"].values.tolist() == ["Janusz", "Kazik"]
    result = make_result()
    np.testing.assert_array_equal(ds["status"].values[0], result.daily.status[0])
    # the batch that stopped on day 7 keeps its last status; its numbers are missing afterwards
    assert (ds["status"].values[1, 8:, 0] == result.daily.status[0, 7, 0]).all()
    assert np.isnan(ds["body_mass"].values[1, 8:]).all()
    np.testing.assert_allclose(ds["route_position"].values[0], result.daily.route_position[0] / 1000.0, rtol=1e-6)
    # fates: Janusz arrived on day 11, Kazik died of hypothermia on day 1 on the one leg
    assert ds["fate"].values[0].tolist() == [int(Status.ARRIVED), int(Status.DEAD)]
    assert ds["end_day"].values[0].tolist() == [11, 1]
    assert ds["cause"].values[0].tolist() == ["", "hypothermia"]
    assert ds["death_leg"].values[0].tolist() == [-1, 0] and ds.attrs["legs"] == "Camp → Lake Baikal"
    assert str(ds["date"].values[0])[:10] == "1941-03-01" and str(ds["date"].values[-1])[:10] == "1941-03-12"


def test_netcdf_round_trip_with_cf_attributes(tmp_path, collected):
    xr = pytest.importorskip("xarray")
    pytest.importorskip("netCDF4", reason="netCDF4 (test extra) reads the file independently of h5netcdf")
    ds = collected.dataset("Tiny")
    path = write_netcdf(ds, tmp_path / "ensemble.nc")
    back = xr.open_dataset(path, engine="netcdf4")
    try:
        assert back.attrs["Conventions"] == "CF-1.10" and back.attrs["scenario"] == "tiny-way-back"
        for name in ds.data_vars:
            np.testing.assert_array_equal(back[name].values, ds[name].values, err_msg=name)
            assert back[name].attrs["long_name"], name
        for name in ("route_position", "distance", "body_mass", "water_deficit", "air_temperature_min",
                     "air_temperature_max", "snow_depth"):
            assert back[name].attrs["units"] in {"km", "kg", "1", "degC", "m"}, name
        assert back["route_position"].attrs["units"] == "km" and back["air_temperature_max"].attrs["units"] == "degC"
        assert back["status"].attrs["flag_meanings"].split()[int(Status.DEAD)] == "dead"
        assert back["status"].dims == ("run", "day", "person")
        np.testing.assert_array_equal(back["date"].values, ds["date"].values)
    finally:
        back.close()
    # as stored: dates are "days since" the start date (CF time coordinate)
    import netCDF4

    with netCDF4.Dataset(path) as raw:
        assert raw["date"].units == "days since 1941-03-01"
        assert raw["date"][:].tolist() == list(range(N_DAYS))


def test_empty_collector_says_so():
    with pytest.raises(ValueError, match="no batch"):
        EnsembleCollector().dataset()
