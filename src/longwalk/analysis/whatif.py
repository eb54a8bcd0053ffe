"""``longwalk whatif``: what decides an outcome, and the fewest changes that would make it likely.

Three steps over the uncertain inputs of :mod:`longwalk.analysis.uncertain`, each input within its range:

1. **Morris screening** (elementary effects; Morris 1991, Technometrics 33:161; Campolongo et al. 2007, the
   mu* measure) with SALib: ``trajectories`` one-at-a-time paths through the ranges, ``(k + 1) × trajectories``
   ensembles for k inputs.  It ranks the inputs by mu*, the mean absolute change of the target's probability
   when the input moves a step of 2/3 of its range.
2. **Sobol indices** (Saltelli et al. 2010, Comput Phys Commun 181:259) on the ``top`` inputs by mu*, the others
   as written: first-order S1 (the share of the variance the input explains alone) and total ST (with its
   interactions), from ``sobol_samples × (top + 2)`` ensembles.
3. **The search**: every set of the ``search`` most influential inputs, each at the end that raises the target
   (the sign of its Morris mean where it has one, else :attr:`Factor.favourable`), smallest sets first; the first
   size at which some set lifts the target's probability to ``above`` gives the answer (the most probable set of
   that size); if none does, every input at once, at the end that raises the target.

Every ensemble is ``runs`` runs with the same seed, so all sample points see the same weather and incidents
(common random numbers): the differences come from the inputs, not the dice.  The outcome of each ensemble is
the share of runs in which the target (:func:`longwalk.analysis.target.parse_target`) is met.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from longwalk.analysis.check import percent
from longwalk.analysis.ensemble import collect
from longwalk.analysis.target import parse_target
from longwalk.analysis.uncertain import FACTORS, Factor, apply_factors
from longwalk.ensemble import wilson_interval
from longwalk.errors import InputError


@dataclass(frozen=True)
class Screening:
    """Morris elementary effects of one input on the target's probability [-]."""

    name: str
    mu_star: float
    mu: float
    sigma: float
    mu_star_conf: float


@dataclass(frozen=True)
class Indices:
    """Sobol indices of one input: first order and total, with their 95 % bootstrap half-widths."""

    name: str
    first: float
    first_conf: float
    total: float
    total_conf: float


@dataclass(frozen=True)
class Trial:
    """One set of changes tried by the search and how often the target was met with it."""

    changes: tuple[tuple[str, float], ...]  # (factor name, value)
    met: int
    runs: int

    @property
    def p(self) -> float:
        return self.met / self.runs

    def words(self) -> str:
        return ", ".join(_factor(n).words(v) for n, v in self.changes) or "as written"


@dataclass
class WhatIfResult:
    target: str
    runs: int  # runs per ensemble
    seed: int
    above: float
    baseline: Trial
    screening: list[Screening]
    indices: list[Indices]
    trials: list[Trial]
    answer: Trial | None  # the smallest set that lifts the target above ``above``; None if no set tried does
    ensembles: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The result as plain lines (the CLI prints them)."""
        lo, hi = wilson_interval(self.baseline.met, self.runs)
        out = [f"Target '{self.target}' as written: {self.baseline.met} of {self.runs} runs "
               f"({percent(self.baseline.p)}, 95 % CI {percent(lo)}–{percent(hi)})."]
        out.append("Morris screening (mu*: mean absolute change of the probability over a step of 2/3 of the range):")
        for s in self.screening:
            out.append(f"  {s.name:<18} mu* {s.mu_star:6.3f} ± {s.mu_star_conf:.3f}   mu {s.mu:+.3f}   "
                       f"sigma {s.sigma:.3f}")
        if self.indices:
            out.append("Sobol indices (first order S1, total ST):")
            for s in self.indices:
                out.append(f"  {s.name:<18} S1 {s.first:6.3f} ± {s.first_conf:.3f}   ST {s.total:6.3f} ± "
                           f"{s.total_conf:.3f}")
        out.extend(self.notes)
        out.append(self.answer_words())
        return out

    def answer_words(self) -> str:
        if self.baseline.p >= self.above:
            return (f"The target is already met in {percent(self.baseline.p)} of the runs as written "
                    f"(≥ {percent(self.above)}).")
        if self.answer is not None:
            lo, hi = wilson_interval(self.answer.met, self.runs)
            return (f"Smallest set of changes that lifts it to {percent(self.above)} or more: {self.answer.words()} "
                    f"— {self.answer.met} of {self.runs} runs ({percent(self.answer.p)}, 95 % CI {percent(lo)}–"
                    f"{percent(hi)}).")
        best = max(self.trials, key=lambda t: t.p) if self.trials else self.baseline
        tried = f"No set of changes tried (of {len(self.trials)}, every input within its range) lifts it to " \
                f"{percent(self.above)}"
        if best.met == 0:
            return f"{tried}; none meets it in any of its {self.runs} runs."
        return f"{tried}; the best, {best.words()}, meets it in {best.met} of {self.runs} runs."


def _factor(name: str) -> Factor:
    return next(f for f in FACTORS if f.name == name)


def whatif(scenario, target: str, runs: int = 40, seed: int = 0, trajectories: int = 4, top: int = 3,
           sobol_samples: int = 8, search: int = 4, above: float = 0.5, plan=None, batch_size: int = 200,
           progress: Callable[[int, int], None] | None = None) -> WhatIfResult:
    """Screen, decompose and search the uncertain inputs of ``scenario`` for ``target`` (module docstring).

    Parameters
    ----------
    runs : int
        Runs per ensemble (each sample point).
    trajectories : int
        Morris trajectories (``(k + 1) × trajectories`` ensembles).
    top : int
        Inputs given Sobol indices (0: none).
    sobol_samples : int
        Sobol base samples, a power of two (``sobol_samples × (top + 2)`` ensembles).
    search : int
        Inputs the search combines (at most ``2**search - 1`` ensembles).
    above : float
        The probability the search must reach [-].

    Raises
    ------
    InputError
        A bad target (naming the party's people) or a count out of range.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    from longwalk.engine.plan import plan_journey

    predicate = parse_target(target, [p.name for p in scenario.party])
    _check_counts(runs, trajectories, top, sobol_samples, search, above)
    k = len(FACTORS)
    top = min(top, k)
    search = min(search, k)
    total = 1 + (k + 1) * trajectories + (sobol_samples * (top + 2) if top else 0) + 2 ** search
    done = [0]
    if plan is None:
        plan = plan_journey(scenario, need_climate=scenario.weather is None)

    def met(values: dict[str, float]) -> int:
        facts = collect(apply_factors(scenario, values), plan, runs, seed, batch_size)
        done[0] += 1
        if progress is not None:
            progress(done[0], total)
        return int(predicate(facts.status, facts.cause).sum())

    baseline = Trial((), met({}), runs)
    problem = {"num_vars": k, "names": [f.name for f in FACTORS], "bounds": [[f.low, f.high] for f in FACTORS]}
    x = morris_sample.sample(problem, trajectories, num_levels=4, seed=seed)
    y = np.array([met(dict(zip(problem["names"], row, strict=True))) / runs for row in x])
    m = morris_analyze.analyze(problem, x, y, num_levels=4, seed=seed)
    screening = sorted((Screening(n, float(m["mu_star"][i]), float(m["mu"][i]), float(m["sigma"][i]),
                                  float(m["mu_star_conf"][i])) for i, n in enumerate(problem["names"])),
                       key=lambda s: -s.mu_star)
    notes = []
    if not np.ptp(y):
        notes.append(f"The target's probability is {percent(y[0])} at every Morris point: within these ranges no input "
                     "changes it, so the ranking and the indices say nothing.")
    indices = []
    ranked = [s for s in screening if s.mu_star > 0]
    chosen = ranked[:top]
    if chosen and top:
        sub = {"num_vars": len(chosen), "names": [s.name for s in chosen],
               "bounds": [[_factor(s.name).low, _factor(s.name).high] for s in chosen]}
        xs = sobol_sample.sample(sub, sobol_samples, calc_second_order=False, seed=seed)
        ys = np.array([met(dict(zip(sub["names"], row, strict=True))) / runs for row in xs])
        if np.ptp(ys):
            si = sobol_analyze.analyze(sub, ys, calc_second_order=False, seed=seed)
            indices = [Indices(n, float(si["S1"][i]), float(si["S1_conf"][i]), float(si["ST"][i]),
                               float(si["ST_conf"][i])) for i, n in enumerate(sub["names"])]
        else:
            notes.append("The Sobol sample did not move the target's probability: no indices.")
    trials = []
    answer = None
    if baseline.p < above:
        candidates = (ranked or screening)[:search]
        ends = {s.name: _raising_end(s) for s in candidates}
        for size in range(1, len(candidates) + 1):
            for subset in itertools.combinations(candidates, size):
                changes = tuple((s.name, ends[s.name]) for s in subset)
                trials.append(Trial(changes, met(dict(changes)), runs))
            passing = [t for t in trials if len(t.changes) == size and t.p >= above]
            if passing:
                answer = max(passing, key=lambda t: t.p)
                break
        if answer is None and len(candidates) < k:  # the last resort: every input at the end that raises the target
            changes = tuple((s.name, _raising_end(s)) for s in screening)
            trials.append(Trial(changes, met(dict(changes)), runs))
            if trials[-1].p >= above:
                answer = trials[-1]
    return WhatIfResult(target=target, runs=runs, seed=seed, above=above, baseline=baseline, screening=screening,
                        indices=indices, trials=trials, answer=answer, ensembles=done[0], notes=notes)


def _raising_end(s: Screening) -> float:
    """The end of the input's range that raises the target: by the sign of its Morris mean, else the declared one."""
    f = _factor(s.name)
    if s.mu > 0:
        return f.high
    if s.mu < 0:
        return f.low
    return f.best


def _check_counts(runs: int, trajectories: int, top: int, sobol_samples: int, search: int, above: float) -> None:
    if runs < 1:
        raise InputError(f"--runs must be at least 1 (got {runs})")
    if trajectories < 2:
        raise InputError(f"--trajectories must be at least 2 for a Morris screening (got {trajectories})")
    if top < 0 or search < 1:
        raise InputError(f"--top must be 0 or more and --search 1 or more (got {top} and {search})")
    if sobol_samples < 2 or sobol_samples & (sobol_samples - 1):
        raise InputError(f"--sobol-samples must be a power of two, 2 or more (got {sobol_samples}), e.g. 8 or 16")
    if not 0.0 < above <= 1.0:
        raise InputError(f"--above must be a probability above 0 and at most 1 (got {above})")
