"""Read, override and validate scenario files; list the built-in scenarios.

Every failure raises :class:`~longwalk.errors.ScenarioError` with a message that names the file, the line
(where it can be found), the field path and what would be valid.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, get_args

from pydantic import ValidationError

from longwalk.errors import InputError, ScenarioError, os_error_message
from longwalk.scenario.schema import ClimateName, ClimateSource, Scenario, Terrain

_BUILTIN_PACKAGE = "longwalk.scenario.builtin"

SUPPORTED_YEARS = (1900, 2050)
"""Start years for which the data stand in fairly for the time: the settlements are today's GeoNames places and the
climate the 1991-2020 normals.  Outside these years a scenario still runs, with a warning (a judgement: a century
before the gazetteer and a generation after the normals, both are knowingly out of date)."""


def builtin_scenarios() -> dict[str, Path]:
    """Map each built-in scenario name to its file."""
    folder = resources.files(_BUILTIN_PACKAGE)
    found = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".toml"):
            found[entry.name.removesuffix(".toml")] = Path(str(entry))
    return dict(sorted(found.items()))


def resolve_scenario_path(name_or_path: str) -> Path:
    """A built-in name (``the-way-back``) or a path to a TOML file."""
    builtins = builtin_scenarios()
    if name_or_path in builtins:
        return builtins[name_or_path]
    path = Path(name_or_path)
    if path.is_dir():
        raise ScenarioError(f"{path} is a directory, not a scenario file; give a .toml file in it or a built-in "
                            f"scenario name ({', '.join(builtins)})")
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise ScenarioError(f"{path}: no such scenario file; check the path, or give a built-in scenario name "
                                f"({', '.join(builtins)})")
        return path
    close = difflib.get_close_matches(name_or_path, list(builtins), n=3)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise ScenarioError(
        f"unknown scenario '{name_or_path}'. Built-in scenarios: {', '.join(builtins)}; "
        f"or give the path of a .toml file.{hint}"
    )


def load_scenario(name_or_path: str | Path, overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    """Load, apply ``--set key=value`` overrides, and validate a scenario."""
    path = resolve_scenario_path(str(name_or_path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ScenarioError(f"{path} is not a text file (byte {err.start} is not UTF-8): a scenario is a TOML text "
                            "file; see the built-in ones with `longwalk scenarios`") from None
    except OSError as err:
        raise ScenarioError(os_error_message(err, path=path, what="cannot read the scenario")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{path}: not valid TOML: {err}") from None
    _paths_from(data, path.parent)
    for item in overrides:
        apply_override(data, item, source=str(path))
    return validate_scenario(data, path=path, text=text)


#: Scenario fields that may hold a file path, as (table, field); the named climate sources are not paths.
PATH_FIELDS = (("climate", "source"), ("terrain", "dem"))


def _paths_from(data: dict[str, Any], folder: Path) -> None:
    """Read the relative paths of :data:`PATH_FIELDS` from the scenario file's folder, not the working directory."""
    for table, field in PATH_FIELDS:
        value = data[table].get(field) if isinstance(data.get(table), dict) else None
        if isinstance(value, str) and value and not _named_climate(value):
            if not Path(value).expanduser().is_absolute():
                data[table][field] = str(folder / value)


def _named_climate(source: str) -> bool:
    """A climate source by name (``builtin``, ``worldclim``, ``worldclim:RES``), not a path."""
    return source in get_args(ClimateName) or source.startswith("worldclim:")


def with_sources(scenario: Scenario, climate: str | None = None, dem: str | Path | None = None) -> Scenario:
    """``scenario`` with the climate source and the elevation file given on the command line (``--climate``,
    ``--dem``), which override its ``[climate] source`` and ``[terrain] dem``; a relative path is read from the
    working directory.

    Raises
    ------
    InputError
        ``climate`` is not a climate source (the message names ``--climate`` and what is valid).
    """
    update = {}
    if climate is not None:
        text = str(climate)
        if not _named_climate(text):
            text = str(Path(text).expanduser().absolute())
        try:
            update["climate"] = ClimateSource(source=text)
        except ValidationError as err:
            raise InputError(f"--climate: {err.errors()[0]['msg'].removeprefix('Value error, ')}") from None
    if dem is not None:
        update["terrain"] = Terrain(dem=str(Path(dem).expanduser().absolute()))
    return scenario.model_copy(update=update) if update else scenario


def scenario_warnings(scenario: Scenario) -> list[str]:
    """What the user should know before trusting a run of ``scenario``: its start date outside
    :data:`SUPPORTED_YEARS`, where the settlements and the climate are not of its time.

    >>> import datetime as dt
    >>> s = load_scenario("gobi-crossing-spring")
    >>> scenario_warnings(s), len(scenario_warnings(s.model_copy(update={"start_date": dt.date(1800, 5, 1)})))
    ([], 1)
    """
    year = scenario.start_date.year
    lo, hi = SUPPORTED_YEARS
    if lo <= year <= hi:
        return []
    when = "before" if year < lo else "after"
    return [f"start_date {scenario.start_date} is {when} the years the data stand for ({lo}-{hi}): the settlements "
            "that feed and shelter the party are today's GeoNames places and the weather comes from the 1991-2020 "
            f"climate normals, so the run shows this journey in today's world, not in {year}"]


def validate_scenario(data: dict[str, Any], path: Path | str = "<scenario>", text: str = "") -> Scenario:
    """Validate a parsed scenario; on failure list every problem with its field path and line."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        lines = []
        problems = err.errors()
        deeper = {p["loc"][:1] for p in problems if len(p["loc"]) > 1}
        for problem in problems:
            if problem["type"] == "too_short" and problem["loc"][:1] in deeper:
                continue  # pydantic's echo of a failed item: the item's own error says more
            loc = _format_loc(problem["loc"], data)
            line = _find_line(text, problem["loc"] or _loc_in_message(problem["msg"])) if text else None
            where = f"{path}:{line}" if line else f"{path}"
            message = problem["msg"]
            if problem["type"] == "extra_forbidden":
                message = f"unknown field{_suggest_field(problem['loc'])}"
            lines.append(f"{where}: {loc}: {message}")
        raise ScenarioError("scenario does not validate:\n  " + "\n  ".join(lines)) from None


def _loc_in_message(message: str) -> tuple:
    """The field a whole-scenario check names in its message (``route[3] (Gobi).claimed_date ...``), as a
    location for :func:`_find_line`; empty if it names none."""
    found = re.search(r"\b(route|events|party)\[(\d+)\](?: \([^)]*\))?\.(\w+)", message)
    return (found.group(1), int(found.group(2)), found.group(3)) if found else ()


def apply_override(data: dict[str, Any], item: str, source: str = "<scenario>") -> None:
    """Apply one ``key.path=value`` override in place.

    Path parts name table keys; inside a list, a part is an index (``party.0.body_mass``) or the ``name`` of
    an entry (``party.Janusz.body_mass``).  The value is read as a TOML value (``10``, ``true``,
    ``"text"``, ``[1, 2]``) and, failing that, taken as a plain string.

    >>> d = {"policy": {"hours_per_day": 8}, "party": [{"name": "A", "age": 30}]}
    >>> apply_override(d, "policy.hours_per_day=10"); d["policy"]["hours_per_day"]
    10
    >>> apply_override(d, "party.A.age=31"); d["party"][0]["age"]
    31
    """
    if "=" not in item:
        raise ScenarioError(f"--set '{item}': expected KEY=VALUE, e.g. policy.hours_per_day=10")
    key, raw = item.split("=", 1)
    parts = [p for p in key.strip().split(".") if p]
    if not parts:
        raise ScenarioError(f"--set '{item}': empty key")
    value = _parse_value(raw.strip())
    node: Any = data
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        here = ".".join(parts[: depth + 1])
        if isinstance(node, list):
            index = _list_index(node, part)
            if index is None:
                names = [str(e.get("name")) for e in node if isinstance(e, dict) and "name" in e]
                raise ScenarioError(
                    f"--set '{item}': '{here}' does not exist in {source}; use an index 0..{len(node) - 1}"
                    + (f" or a name ({', '.join(names)})" if names else "")
                )
            if last:
                node[index] = value
            else:
                node = node[index]
        elif isinstance(node, dict):
            if last:
                _check_known_field(parts, item, source)
                node[part] = value
            else:
                if part not in node:
                    _check_known_field(parts[: depth + 1], item, source)
                    node[part] = {}
                node = node[part]
        else:
            raise ScenarioError(f"--set '{item}': '{'.'.join(parts[:depth])}' is a value, not a table")


def _parse_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return raw


def _list_index(node: list, part: str) -> int | None:
    if re.fullmatch(r"-?\d+", part):
        index = int(part)
        return index if -len(node) <= index < len(node) else None
    for i, entry in enumerate(node):
        if isinstance(entry, dict) and entry.get("name") == part:
            return i
    return None


def _model_for_path(parts: list[str]):
    """Walk the schema along a path of table keys (list parts skipped); None if the path leaves it."""
    model: Any = Scenario
    for part in parts:
        if re.fullmatch(r"-?\d+", part) or model is None:
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None:
            return model  # inside a list of names, or a plain value
        if part not in fields:
            return None
        model = _inner_model(fields[part].annotation)
    return model


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in get_args(annotation):
        inner = _inner_model(arg)
        if inner is not None:
            return inner
    return None


def _check_known_field(parts: list[str], item: str, source: str) -> None:
    """Refuse an override whose path is not a field of the schema, naming the valid ones."""
    model: Any = Scenario
    expect_entry = False  # the previous part was a list field: this part is an index or a name
    for part in parts:
        if expect_entry:
            expect_entry = False
            continue
        fields = getattr(model, "model_fields", None)
        if fields is None:
            return
        if part not in fields:
            close = difflib.get_close_matches(part, list(fields), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise ScenarioError(
                f"--set '{item}': '{part}' is not a field here{hint}; valid fields: {', '.join(fields)}"
            )
        annotation = fields[part].annotation
        expect_entry = getattr(annotation, "__origin__", None) in (tuple, list)
        model = _inner_model(annotation)
        if model is None:
            return


def _format_loc(loc: tuple, data: dict[str, Any]) -> str:
    out = []
    node: Any = data
    for part in loc:
        if isinstance(part, int):
            name = node[part].get("name") if isinstance(node, list) and isinstance(node[part], dict) else None
            out.append(f"[{part}]" + (f"({name})" if name else ""))
        else:
            out.append(("." if out else "") + str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(out) or "(top level)"


def _suggest_field(loc: tuple) -> str:
    parts = [p for p in loc if isinstance(p, str)]
    model = _model_for_path(parts[:-1])
    fields = getattr(model, "model_fields", None)
    if not fields or not parts:
        return ""
    close = difflib.get_close_matches(parts[-1], list(fields), n=3)
    valid = f"; valid fields: {', '.join(fields)}"
    return (f" (did you mean {', '.join(close)}?)" if close else "") + valid


def _find_line(text: str, loc: tuple) -> int | None:
    """Best-effort line of a field path in TOML text: the key's line inside its table or array entry."""
    lines = text.splitlines()
    while loc and isinstance(loc[-1], int):  # an item of a list value (``tools = [...]``): the key's line
        loc = loc[:-1]
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return None
    # Locate the table header for the leading keys, counting [[array]] entries when an index is given.
    start = 0
    table = []
    index = None
    for part in loc[:-1]:
        if isinstance(part, int):
            index = part
        else:
            table.append(part)
    at = next((k for k, part in enumerate(loc[:-1]) if isinstance(part, int)), None)
    if at is not None and at + 1 < len(loc) - 1:  # a sub-table of an array entry: [route.claimed_conditions]
        entry = _find_line(text, loc[: at + 2])  # the sub-table's header line, or the entry's if it has none
        if entry is None or lines[entry - 1].strip() != f"[{'.'.join(table)}]":
            return entry
        start = entry - 1
    elif table:
        header = ".".join(table)
        seen = -1
        for i, line in enumerate(lines):
            stripped = line.strip()
            if stripped in (f"[[{header}]]", f"[{header}]"):
                seen += 1
                if index is None or seen == index:
                    start = i
                    break
        else:
            start = 0
    last = keys[-1]
    pattern = re.compile(rf"^\s*{re.escape(last)}\s*=")
    for i in range(start, len(lines)):
        if table and lines[i].strip() == f"[{'.'.join([*table, last])}]":  # the field is a table of its own
            return i + 1
        if i > start and lines[i].strip().startswith("[") and table:
            break
        if pattern.match(lines[i]):
            return i + 1
    return start + 1 if table else None
