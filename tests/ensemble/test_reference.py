"""The runs closest to a told story: The Way Back's film fates against hand-made runs."""

import datetime as dt
from types import SimpleNamespace

import pyarrow as pa

from longwalk.engine.records import Status
from longwalk.ensemble import REFERENCE_STORIES, summarise
from longwalk.ensemble.chunks import EPISODE_KINDS, FATE_SCHEMA

WAYPOINTS = ("Camp", "Lake Baikal", "Mongolian border", "Ulaanbaatar", "Gobi", "Southern Gobi", "Great Wall",
             "Northern Tibet", "Monastery", "Himalaya", "India")
PEOPLE = ["Janusz", "Mr Smith", "Valka", "Tomasz", "Voss", "Zoran", "Kazik", "Irena"]
A, D, L = Status.ARRIVED, Status.DEAD, Status.LEFT
# the film: Kazik freezes on the first leg, Irena and Tomasz die in the Gobi (leg 4 = Gobi → Southern Gobi),
# Valka stays at the border, Smith at the monastery, the other three reach India (leg 9, the last)
FILM = {"Janusz": (A, "", 9), "Mr Smith": (L, "", 8), "Valka": (L, "", 2), "Tomasz": (D, "dehydration", 4),
        "Voss": (A, "", 9), "Zoran": (A, "", 9), "Kazik": (D, "hypothermia", 0), "Irena": (D, "heat_illness", 5)}


def table(runs):
    rows = []
    for k, fates in enumerate(runs):
        for p, name in enumerate(PEOPLE):
            status, cause, leg = fates[name]
            rows.append({"run": k, "person": p, "status": int(status), "day": 10, "cause": cause, "leg": leg,
                         "lat": 0.0, "lon": 0.0, "journey_days": 100, **{kind: 0 for kind, _ in EPISODE_KINDS}})
    return pa.Table.from_pylist(rows, schema=FATE_SCHEMA)


def test_closest_runs_by_hand():
    scenario = SimpleNamespace(name="the-way-back", party=[SimpleNamespace(name=n) for n in PEOPLE],
                               start_date=dt.date(1941, 3, 1))
    kazik_falls = FILM | {"Kazik": (D, "fall", 0)}  # a told death, another cause: 0.5
    all_die_early = {n: (D, "starvation", 1) for n in PEOPLE}
    # by hand: five people whose fate differs (Janusz, Smith, Valka, Voss, Zoran) count 1 each; Tomasz and Irena
    # die as told but of another cause on another leg (0.5 + 0.5 each); Kazik dies of another cause on another
    # leg (0.5 + 0.5): 5 + 2 + 1 = 8
    all_die_late = {n: (D, "starvation", 7) for n in PEOPLE}  # as far from the story, but further along the route
    s = summarise(table([all_die_early, kazik_falls, FILM, all_die_late]), scenario, WAYPOINTS, seed=0, n_runs=4)
    assert [(c["run"], c["distance"]) for c in s.closest] == [(2, 0.0), (1, 0.5), (3, 8.0), (0, 8.0)]
    assert s.reference == REFERENCE_STORIES["the-way-back"].source
    assert s.survivors == {0: 2, 3: 2}
