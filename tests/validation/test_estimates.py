"""The estimates scanner behind docs/validation.md's table of guesses: it finds the constants the source labels an
ESTIMATE, in its several spellings, and nothing else."""

from __future__ import annotations

from longwalk.validation.estimates import _module_estimates, estimates


def test_the_labelled_constants_of_the_package_are_found_and_the_sourced_ones_are_not():
    found = {e.name: e for e in estimates()}
    for name in ("engine.phases.HUNGRY_DAYS",  # '# ESTIMATE [day]: ...'
                 "models.water.SUN_RADIANT_EXCESS",  # docstring 'ESTIMATE, the value ...'
                 "models.thermal.MAX_SHIVERING",  # docstring '... — an estimate.'
                 "models.altitude.HAPE_SHAPE"):  # docstring '(estimate: twice the AMS shape)'
        assert name in found, name
    for name in ("models.energy.RHO_FAT", "models.water.LATENT_HEAT_SWEAT", "models.walking.TERRAIN_FACTORS"):
        assert name not in found, name
    assert "engine.phases.decisions" in found["engine.phases.HUNGRY_DAYS"].used_by
    assert "pace by night" in found["engine.compose.NIGHT_PACE"].note


def test_the_scanner_reads_comments_carried_on_and_docstrings(tmp_path):
    path = tmp_path / "m.py"
    path.write_text('A = 1.0  # ESTIMATE: the first guess, carried\n'
                    '# on to a second line.  A second sentence.\n'
                    'B = 2.0\n'
                    '"""Sourced: Smith 1990, table 2."""\n'
                    'C = {"x": 1}\n'
                    '"""A table (an estimate from memory).  More."""\n'
                    'lower = 3.0  # ESTIMATE, but not a constant\n'
                    'def f():\n'
                    '    return A + C["x"]\n', encoding="utf-8")
    found = _module_estimates(path, "pkg.m")
    assert [e.name for e in found] == ["pkg.m.A", "pkg.m.C"]
    assert found[0].note == "ESTIMATE: the first guess, carried on to a second line."
    assert found[1].note == "A table (an estimate from memory)."
    assert found[0].used_by == ("pkg.m.f",) and found[1].used_by == ("pkg.m.f",)
