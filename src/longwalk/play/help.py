"""The help screen's text: the game's levers (each a field of the scenario's policy, with its description) and
every body model in plain words with its source (``docs/models.md``, the one table of models and sources; where
the package is installed without the docs, each model module's own summary).
"""

from __future__ import annotations

from pathlib import Path

from longwalk.play.session import NIGHT_CHOICES

MODEL_MODULES = ("walking", "energy", "water", "thermal", "altitude", "hazards")

KEYS = (
    ("space / w / g", "walk one day / a week / to the next waypoint (a death, a joining, someone lost or left "
                      "behind stops the walk so that you can decide again)"),
    ("+ / -", "walking hours on a walking day (policy.hours_per_day)"),
    ("] / [", "the ration each person eats, 250 kcal a step (policy.ration)"),
    ("f / F", "hours spent foraging each day (policy.forage_hours)"),
    ("n", f"walking by night: {', '.join(NIGHT_CHOICES)} (policy.night_travel_above)"),
    ("r", "rest tomorrow: nobody walks, everyone forages round the camp (policy.stay_put, for one day)"),
    ("b", "leave behind those who cannot walk (policy.leave_behind)"),
    ("v", "seek villages and settlements for food and water when short (policy.resupply)"),
    ("o", "wait out sandstorms (policy.wait_out_storms)"),
    ("j", "take in or turn away the strangers who may join (the scenario's join events)"),
    ("k", "before setting out: the waypoints to go round (a fork in the way); the route is planned afresh"),
    ("d", "back to the scenario's plan: playing the plan throughout is `longwalk run` at the same seed"),
    ("c", "the deaths so far and what led to each"),
    ("s / l", "save / load the game (a JSON file; a loaded game resumes exactly)"),
    ("h or ?", "this help; q quits (at the end of a journey the journal and report are written)"),
)


def _docs_models() -> str | None:
    """``docs/models.md`` of a source checkout, if there is one beside the package."""
    path = Path(__file__).resolve().parents[3] / "docs" / "models.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _module_summaries() -> str:
    import importlib

    parts = []
    for name in MODEL_MODULES:
        doc = (importlib.import_module(f"longwalk.models.{name}").__doc__ or "").strip()
        parts.append(f"## `models.{name}`\n\n{doc.split(chr(10) + chr(10))[0]}\n")
        sources = [p for p in doc.split("\n\n") if p.startswith("Sources:")]
        parts.extend(s + "\n" for s in sources)
    return "\n".join(parts)


def help_markdown() -> str:
    """The help text, Markdown."""
    from longwalk.scenario.schema import Policy

    fields = Policy.model_fields
    lines = ["# longwalk play", "",
             "You lead one run of the same engine that `longwalk run` and `longwalk odds` use. Each day the engine "
             "computes the weather where the party is, what it decides (from your decisions below), how far each "
             "person walks, the water and food found, carried, eaten and drunk, what goes wrong, each body's "
             "energy, water and heat balance, and who dies of what. No rule is hidden: the numbers on the screen are "
             "the engine's state, and the models are listed below with their sources.", "",
             "## Keys", "", "| key | what it does |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in KEYS]
    lines += ["", "## Your decisions are the scenario's policy", "", "| policy field | meaning |", "|---|---|"]
    for name in ("hours_per_day", "ration", "forage_hours", "night_travel_above", "leave_behind", "resupply",
                 "wait_out_storms", "stay_put"):
        lines.append(f"| `{name}` | {fields[name].description or name.replace('_', ' ')} |")
    lines += ["", "Route choices (going round a waypoint) are made before setting out, with `k` or `--skip` on the "
              "command line: the route is planned by season as a whole, so it cannot be changed half-way.", "",
              "Condition words: *thirsty* past a water deficit of 2 % of body mass (Sawka et al. 2007, the engine's "
              "THIRST_DEFICIT); *hungry* when the food carried is under 3 days of ration (the engine's HUNGRY_DAYS, an "
              "estimate); *thin* and *starving* below a body mass index of 18.5 and 16 (WHO 1995, TRS 854); "
              "*feverish*, *limping*, *frostbitten*, *altitude-sick* while the engine's illness, injury, frostbite "
              "and altitude-illness states last.", "", "# The models", ""]
    docs = _docs_models()
    lines.append(docs if docs is not None else _module_summaries())
    return "\n".join(lines)
