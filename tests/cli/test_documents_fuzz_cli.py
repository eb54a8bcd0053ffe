"""Random documents through the scenario loader and ``--set`` (hypothesis): whatever the file or the override,
`longwalk scenario validate` ends with exit 0 or 2 and a message, never a traceback (issue 15).

Three kinds of input: arbitrary bytes and text as a scenario file; TOML documents with the scenario's field names
and random values of every TOML type; and ``--set KEY=VALUE`` on a built-in scenario with keys drawn from its own
fields (and random ones) and random values.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from longwalk.cli.main import main
from longwalk.scenario import builtin_scenarios

# About 6 s for each test on this machine: enough examples to find a crash class, few enough for every run.
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run_cli(*args: str) -> tuple[int, str]:
    """The entry point in this process; (exit code, stdout + stderr)."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["longwalk", *args]
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.argv = argv
    return code, out.getvalue() + err.getvalue()


def assert_clean(code: int, said: str) -> None:
    assert code in (0, 2), said
    assert "Traceback" not in said, said
    assert said.strip(), "exit without a word"
    if code == 2:
        assert said.lstrip().startswith("error:"), said


def validate_file(content: bytes | str) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return run_cli("scenario", "validate", str(path))


BUILTIN = tomllib.loads(builtin_scenarios()["the-way-back"].read_text(encoding="utf-8"))


def _paths(node, prefix=""):
    """Every dotted field path of the built-in scenario, as ``--set`` names them (list items by index)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, f"{prefix}{key}.")
    elif isinstance(node, list) and node and isinstance(node[0], dict):
        for i, value in enumerate(node):
            yield from _paths(value, f"{prefix}{i}.")
    yield prefix.rstrip(".")


FIELD_PATHS = sorted(p for p in set(_paths(BUILTIN)) if p)
TOP_FIELDS = sorted(k for k, v in BUILTIN.items() if not isinstance(v, list | dict))
PERSON_FIELDS = sorted(BUILTIN["party"][0])


def toml_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    return value.isoformat()  # a date


scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.booleans(), st.dates(),
)
values = st.one_of(scalars, st.lists(scalars, max_size=4))
keys = st.one_of(st.sampled_from(TOP_FIELDS + PERSON_FIELDS), st.from_regex(r"[a-z_]{1,12}", fullmatch=True))


@st.composite
def documents(draw) -> str:
    """A TOML document shaped like a scenario: top-level fields, people and waypoints with random values."""
    lines = [f"{draw(keys)} = {toml_literal(draw(values))}" for _ in range(draw(st.integers(0, 8)))]
    for table in draw(st.lists(st.sampled_from(["party", "route", "events", "policy"]), max_size=4)):
        lines.append(f"[[{table}]]" if table != "policy" else "[policy]")
        lines += [f"{draw(keys)} = {toml_literal(draw(values))}" for _ in range(draw(st.integers(0, 6)))]
    # a key may repeat: that is invalid TOML, which is one more way to be wrong
    return "\n".join(lines) + "\n"


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_any_bytes_or_text_as_a_scenario(content):
    assert_clean(*validate_file(content))


@FUZZ
@given(documents())
def test_scenario_shaped_documents_with_random_values(document):
    assert_clean(*validate_file(document))


@FUZZ
@given(st.lists(st.tuples(st.one_of(st.sampled_from(FIELD_PATHS), st.text(max_size=15)),
                          st.one_of(values.map(toml_literal), st.text(max_size=15))), min_size=1, max_size=3))
def test_random_overrides_of_a_builtin_scenario(overrides):
    args = []
    for key, value in overrides:
        args += ["--set", f"{key}={value}"]
    assert_clean(*run_cli("scenario", "validate", "the-way-back", *args))
