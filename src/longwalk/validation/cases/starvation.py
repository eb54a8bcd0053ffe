"""Validation cases: starvation (total fasts, semi-starvation, hard work on short rations) and, in topic "injury",
foot and leg injuries on long marches; one waterborne-illness case in topic "water" (see longwalk.validation).

Predictions run the daily energy step of :mod:`longwalk.models.energy` (its module docstring) on the people of each
study, with the death hazards of the same module; injuries and illness use :mod:`longwalk.models.hazards`.
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from longwalk.models import ModelRangeWarning, energy, hazards, walking
from longwalk.validation import case

_STARVATION = ("models.energy.starvation_resting_factor", "models.energy.starvation_activity_factor")
_BODY = ("models.energy.body_composition_step", "models.energy.adaptive_thermogenesis_step",
         "models.energy.forbes_constant")
_PARTITION = ("models.energy.body_composition_step", "models.energy.forbes_constant")
_LABILE = ("models.energy.glycogen_step", "models.energy.extracellular_fluid_change")
_DEATH = ("models.energy.starvation_bmi_hazard", "models.energy.fat_exhaustion_hazard",
          "models.energy.lean_loss_hazard")


def _starve(mass0: float, height: float, age: float, sex: int, intake: float, days: int,
            activity_level: float = 1.4, work: float = 0.0,
            fat_fraction: float | None = None, work_days: int | None = None,
            slowing: bool = False) -> dict[str, np.ndarray]:
    """Day-by-day course of one person eating ``intake`` [kcal day-1] for ``days`` days, from weight stability.

    Before, the person eats ``activity_level`` × resting rate plus ``work`` [kcal day-1]; ``work`` (walking, hauling)
    goes on at the same cost per kg of body mass, the rest of the activity falls with
    :func:`~longwalk.models.energy.starvation_activity_factor`.  Glycogen and its water and the extracellular fluid
    follow :func:`~longwalk.models.energy.glycogen_step` and :func:`~longwalk.models.energy.extracellular_fluid_change`.
    Body fat is Deurenberg's from BMI, age and sex unless ``fat_fraction`` [-] (measured) is given.  Returns body mass
    (tissue and labile mass), fat, lean [kg], BMI, the probability of being alive at the end of each day and the
    day's expenditure [kcal day-1].  ``work`` stops after ``work_days`` days if given (a march that ends in a camp);
    with ``slowing`` a starving walker does the share of it that the engine keeps
    (:func:`longwalk.engine.compose.starvation_work_capacity`: the aerobic capacity left,
    :func:`~longwalk.models.walking.vo2max_starvation_factor`).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)  # weight loss beyond the Minnesota-fitted range
        bmi0 = energy.body_mass_index(mass0, height)
        fat = mass0 * (float(energy.body_fat_fraction(bmi0, age, sex)) if fat_fraction is None else fat_fraction)
        lean = mass0 - fat
        lean0 = lean
        rmr0 = float(energy.resting_metabolic_rate(mass0, height, age, sex))
        offset = energy.resting_rate_offset(rmr0, fat, lean)
        intake0 = activity_level * rmr0 + work
        other0 = intake0 - rmr0 - float(energy.thermic_effect_of_food(intake0)) - work
        rho_lean = float(energy.lean_energy_density(intake, intake0))
        forbes = float(energy.forbes_constant(lean0, intake, intake0))
        at, cumulative, glycogen = 0.0, 0.0, energy.GLYCOGEN_BASELINE
        ecf = float(energy.extracellular_fluid_change(intake, intake0))
        rows = []
        bmi_before = float(energy.body_mass_index(mass0, height))
        for day in range(days):
            tissue = fat + lean
            today = work if work_days is None or day < work_days else 0.0
            if slowing:
                today *= min(float(walking.vo2max_starvation_factor(lean, lean0)), 1.0)
            loss = energy.weight_loss_fraction(tissue, mass0)
            rmr = energy.resting_metabolic_rate_composition(fat, lean, offset) * energy.starvation_resting_factor(loss)
            at = energy.adaptive_thermogenesis_step(at, intake, intake0)
            other = other0 * tissue / mass0 * energy.starvation_activity_factor(loss)
            expenditure = rmr + at + energy.thermic_effect_of_food(intake) + other + today * tissue / mass0
            glycogen_before, glycogen = glycogen, float(energy.glycogen_step(glycogen, intake, intake0))
            released = energy.RHO_GLYCOGEN * (glycogen_before - glycogen)
            fat, lean = (float(x) for x in energy.body_composition_step(fat, lean, intake + released, expenditure,
                                                                        lean_density=rho_lean,
                                                                        forbes_constant=forbes))
            mass = fat + lean + float(energy.labile_mass_change(glycogen, ecf))
            bmi = float(energy.body_mass_index(mass, height))
            cumulative += float(energy.starvation_bmi_hazard(bmi, bmi_before, sex)
                                + energy.fat_exhaustion_hazard(fat, mass) + energy.lean_loss_hazard(lean, lean0))
            rows.append((mass, fat, lean, bmi, math.exp(-cumulative), float(expenditure)))
            bmi_before = bmi
    mass, fat, lean, bmi, alive, spent = (np.array(c) for c in zip(*rows, strict=True))
    return {"mass": mass, "fat": fat, "lean": lean, "bmi": bmi, "alive": alive, "expenditure": spent,
            "lean_density": np.full(days, rho_lean)}


def _median_survival_day(course: dict[str, np.ndarray]) -> float:
    """First day by whose end half have died (nan if more than half are still alive)."""
    dead = np.flatnonzero(course["alive"] <= 0.5)
    return float(dead[0] + 1) if dead.size else math.nan


# --- total fasts --------------------------------------------------------------------------------------------------


@case(id="starvation-hunger-strike-1981-survival", title="Maze prison hunger strike 1981: days to death, water only",
      topic="starvation",
      source="Ten Irish republican prisoners died after 46 to 73 days of total fasting (Lieberson, Scientific "
             "American 'Ask the experts', editor's note; Peel M 1997 BMJ 315:829 gives 45-61 days).  The ten "
             "durations checked against the table of start and death dates at bobbysands.com/home/maze-hungerstrikers "
             "(Sands 66, Hughes 59, McCreesh 61, O'Hara 61, McDonnell 61, Hurson 46, Lynch 71, Doherty 73, McElwee "
             "62, Devine 60 days: median 61).",
      observed=61.0, low=46.0, high=73.0, unit="days",
      tolerance="the range of the ten deaths",
      method="models.energy daily step, intake 0, a 27-year-old man of 1.75 m and 68 kg (BMI 22; their weights are "
             "not published: an assumption), at rest in a cell (activity 1.4 × RMR before the fast); median day by "
             "which the death hazards (BMI limit, fat exhaustion, lean loss) have killed half",
      constrains=_STARVATION + _BODY + _LABILE + _DEATH,
      note=("Passes (68 d; 97 d before) since lean tissue lost without food is protein with its water "
           "(models.energy.lean_energy_density: 4.44 kcal/g of protein in tissue 20 % protein, ~890 kcal/kg, after "
           "Elia 1992) instead of Hall's 1,816 kcal/kg, which counted twice the energy in each kg of muscle a faster "
           "loses.  Elia (1992, §3.2) reckons the same from autopsies: a lean 70 kg man dies having lost 8 kg of fat "
           "and 4.6 kg of protein, under 100,000 kcal, about 64 days at 1,500 kcal/day.  The strikers' weights are "
           "not published (Peel 1997: 'no results have been published'); at 1.75 m the median day is 45, 52, 60, 68, "
           "77 and 86 for 62, 64, 66, 68, 70 and 72 kg, so the band holds men of ~62-70 kg (BMI 20-23).  One weight "
           "was reported: Sands began at 10 st (63.5 kg; starvation-sands-1981-mass-lost-day-60), for which the model "
           "gives 51 days; he died on day 66."))
def _hunger_strike() -> float:
    return _median_survival_day(_starve(68.0, 1.75, 27.0, 1, 0.0, 200))


@case(id="starvation-levanzin-31-day-fast", title="Benedict's 31-day fast (Levanzin, 1912): body mass lost",
      topic="starvation",
      source="Benedict FG (1915) A Study of Prolonged Fasting, Carnegie Institution of Washington Publ. 203: "
             "A. Levanzin, 40 y, fasted 31 days on water in the Nutrition Laboratory, 60.6 kg to 47.4 kg (-21.8 %); "
             "figures quoted from memory; Lusk (1919, Carnegie Inst. Wash. publication, excerpt at iberlibro.com) "
             "confirms 'weight decreased from about 60 kg. to about 47.5 kg.' on 'only about 900 c.c. of distilled "
             "water per day for 31 days'.",
      observed=21.8, low=19.0, high=25.0, unit="% of body mass",
      tolerance="± 3 points, a judgement (one subject; the figures are quoted from memory)",
      method="models.energy daily step, intake 0 for 31 days, a man of 40 y, 60.6 kg, 1.70 m (height assumed), "
             "at rest in the laboratory (activity 1.4 × RMR)",
      constrains=_STARVATION + _BODY + _LABILE,
      note=("Passes (24.5 %; 25.4 % when Forbes's constant was Hall's single 2.0 kg for everyone; 19.8 % before lean "
           "tissue lost in a fast was given the density of protein with its water, "
           "models.energy.lean_energy_density).  A small man of 49.6 kg fat-free has a smaller protein reserve than "
           "the reference man, and in a fast draws on it in proportion (models.energy.forbes_constant: C = 1.76 kg), "
           "so less of his loss is lean tissue, the heaviest per kcal.  The model's expenditure is near what "
           "Benedict measured: its resting rate per m2 (Du Bois) falls from 850 to 656 kcal/m2/day between days 3 "
           "and 21, Benedict's bed calorimeter from 927 to 664 (Lusk 1919).  It lies near the band's upper edge: "
           "Benedict's height, total heat output and nitrogen were not checked (an assumed 1.70 m, 1.4 x RMR), nor "
           "the labile mass of a small man (sodium intake and glycogen stores scaled to an average adult)."))
def _levanzin() -> float:
    course = _starve(60.6, 1.70, 40.0, 1, 0.0, 31)
    return 100.0 * (1.0 - course["mass"][-1] / 60.6)


@case(id="starvation-kerndt-total-fast-week-1", title="Total fasting: weight lost per day in the first week",
      topic="starvation",
      source="Kerndt PR, Naughton JL, Driscoll CE, Loxterkamp DA (1982) Fasting: the history, pathophysiology and "
             "complications, West J Med 137:379-399 (abstract): 'weight loss is rapid, averaging 0.9 kg per day "
             "during the first week ... primarily due to negative sodium balance'; most studies in obese persons",
      observed=0.9, low=0.7, high=1.1, unit="kg day-1",
      tolerance="± 0.2 kg/day, a judgement: the review gives an average without a spread",
      method="models.energy daily step with glycogen and ECF, intake 0 for 7 days, a 100 kg, 1.75 m, 40-year-old "
             "man (BMI 33: the obese subjects of most fasting studies, a judgement) at rest (1.4 × RMR before)",
      constrains=_LABILE + _BODY + _STARVATION)
def _kerndt_week_1() -> float:
    return (100.0 - float(_starve(100.0, 1.75, 40.0, 1, 0.0, 7)["mass"][-1])) / 7.0


@case(id="starvation-kerndt-total-fast-week-3", title="Total fasting: weight lost per day in the third week",
      topic="starvation",
      source="Kerndt et al. (1982) West J Med 137:379 (abstract): weight loss 'slowing to 0.3 kg per day by the "
             "third week'",
      observed=0.3, low=0.2, high=0.4, unit="kg day-1",
      tolerance="± 0.1 kg/day, a judgement: the review gives an average without a spread",
      method="as starvation-kerndt-total-fast-week-1; mass lost from day 14 to day 21, per day",
      constrains=_LABILE + _BODY + _STARVATION)
def _kerndt_week_3() -> float:
    mass = _starve(100.0, 1.75, 40.0, 1, 0.0, 21)["mass"]
    return float(mass[13] - mass[20]) / 7.0


_FAST_44 = "'Macro- and micronutrient losses and nutritional status resulting from 44 days of total fasting in a " \
    "non-obese man', Nutrition (2006), doi:10.1016/j.nut.2006.06.001 (abstract, checked at the TrueNorth Health " \
    "fasting literature database; authors not recorded here): 96.0 kg, 20 % fat, BMI 28.36"


_FAT_44 = 0.20  # the study's measured body fat (Deurenberg's formula would give 24.7 %)


def _fast_44() -> dict[str, np.ndarray]:
    """The 44-day water-only fast: 96 kg, BMI 28.36 (1.84 m), 20 % fat (measured), age 30 (assumed), resting
    (1.4 × RMR before)."""
    return _starve(96.0, math.sqrt(96.0 / 28.36), 30.0, 1, 0.0, 44, fat_fraction=_FAT_44)


@case(id="starvation-44-day-fast-expenditure", title="44-day total fast of a man at rest: energy expenditure",
      topic="starvation",
      source=_FAST_44 + "; total energy expenditure estimated from urinary losses and body composition at "
             "1,638-2,155 kcal/day",
      observed=1896.0, low=1638.0, high=2155.0, unit="kcal day-1",
      tolerance="the study's own range of estimates",
      method="models.energy daily step, intake 0 for 44 days, the study's measured 20 % fat; mean of the daily "
             "expenditure (resting rate with the "
             "starvation factor, adaptive thermogenesis, activity with the starvation factor)",
      constrains=_STARVATION + ("models.energy.adaptive_thermogenesis_step",),
      note="Tests the expenditure cuts fitted at 1,570 kcal/day (Minnesota) where nothing is eaten.")
def _fast_44_expenditure() -> float:
    return float(np.mean(_fast_44()["expenditure"]))


@case(id="starvation-44-day-fast-mass-loss", title="44-day total fast of a man at rest: body mass lost",
      topic="starvation",
      source=_FAST_44 + "; body mass -25.5 %, a quarter to a third of it fat",
      observed=25.5, low=22.5, high=28.5, unit="% of body mass",
      tolerance="± 3 points, a judgement (one subject, weighed)",
      method="as starvation-44-day-fast-expenditure (the study's measured 20 % fat; Deurenberg's formula would give "
             "24.7 %); body mass lost by day 44",
      constrains=_STARVATION + _BODY + _LABILE,
      note=("Passes (23.7 %; 20.3 % when Forbes's constant was Hall's single 2.0 kg for everyone and the man's fat "
           "Deurenberg's 24.7 %, 16.8 % before lean tissue lost in a fast was booked as protein with its water, "
           "models.energy.lean_energy_density).  In a fast the partition follows the man's own protein reserve, a "
           "fixed share of his fat-free mass (models.energy.forbes_constant, after Dulloo & Jacquet 1999 and Elia "
           "1992's autopsies): 76.8 kg of it gives C = 2.72 kg where Hall's constant is 2.0, and ~14 % of the "
           "fast's energy from protein (starvation-44-day-fast-protein-share).  He loses 6.5 kg of fat (the "
           "study's quarter to a third of 24.5 kg: 6-8 kg), 12.0 kg of lean tissue and 4.3 kg of glycogen with its "
           "water and extracellular fluid.  Either change alone leaves it outside (the measured fat with Hall's "
           "constant 21.8 %, Deurenberg's fat with the reserve's constant 21.7 %).  The subject, from memory of "
           "the paper, was David Blaine's 2003 public fast in London (authors Korbonits, Blaine, Elia, "
           "Powell-Tuck).  Tried earlier and not kept: a gluconeogenic protein floor (Cahill 1970), a "
           "ketoadaptation boost of the protein share early in a fast (it broke the normal-weight men's 6-day "
           "share) and a Forbes constant scaled with body mass (C W/70 kg: it broke "
           "starvation-runcie-1974-fat-share), where the reserve's constant scales with fat-free mass and "
           "only in a fast."))
def _fast_44_mass() -> float:
    return 100.0 * (1.0 - float(_fast_44()["mass"][-1]) / 96.0)


def _fat_energy_share(course: dict[str, np.ndarray], first: int, last: int) -> float:
    """Share [%] of the energy drawn from tissue between the ends of days ``first`` and ``last`` that came from fat."""
    fat = (course["fat"][first - 1] - course["fat"][last - 1]) * energy.RHO_FAT
    lean = (course["lean"][first - 1] - course["lean"][last - 1]) * course["lean_density"][0]
    return 100.0 * float(fat / (fat + lean))


@case(id="starvation-runcie-1974-fat-share", title="Obese patients fasting over two weeks: share of energy from fat",
      topic="starvation",
      source="Runcie J, Hilditch TE (1974) Energy provision, tissue utilization, and weight loss in prolonged "
             "starvation, Br Med J 2:352 (abstract): 76 fasting obese patients (58 women, 18 men); 'in established "
             "fasting (more than 14 days) [fat] contributed 96% of that requirement'",
      observed=96.0, low=94.0, high=98.0, unit="% of energy",
      tolerance="± 2 points, a judgement: the abstract gives no spread",
      method="models.energy daily step, intake 0, for a 100 kg, 40-year-old obese woman of 1.63 m and man of 1.75 m "
             "(their sizes are not in the abstract: a judgement), each at rest (1.4 × RMR before); energy drawn from "
             "fat over days 15-28 as a share of the energy drawn from fat and lean tissue (Forbes's partition in "
             "Hall's model), weighted 58:18 by sex",
      constrains=_PARTITION,
      note="Tests the partition of a total fast's energy between fat and protein once glycogen is gone: Forbes's "
           "form with each person's protein reserve (models.energy.forbes_constant), fitted to no fast, gives the "
           "same share as the patients' measured tissue breakdown.")
def _runcie_fat_share() -> float:
    women = _fat_energy_share(_starve(100.0, 1.63, 40.0, 0, 0.0, 28), 14, 28)
    men = _fat_energy_share(_starve(100.0, 1.75, 40.0, 1, 0.0, 28), 14, 28)
    return (58.0 * women + 18.0 * men) / 76.0


def _fat_free_share(mass0: float, height: float, age: float, sex: int, days: int) -> float:
    """Share [%] of the body mass lost in a ``days``-day total fast that is not fat (lean tissue, glycogen, ECF)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        fat0 = mass0 * float(energy.body_fat_fraction(mass0 / height**2, age, sex))
    course = _starve(mass0, height, age, sex, 0.0, days)
    lost = mass0 - float(course["mass"][-1])
    return 100.0 * (1.0 - (fat0 - float(course["fat"][-1])) / lost)


@case(id="starvation-prolonged-fast-fat-free-share", title="Fasts of 5-20 days: share of the weight lost that is "
      "fat-free mass", topic="starvation",
      source="Ezpeleta M, Cienfuegos S, Lin S, Pavlou V, Gabel K, Varady KA (2023) Efficacy and safety of prolonged "
             "water fasting: a narrative review of human trials, Nutr Rev 82:664-675 (abstract): over 5-20 days "
             "'approximately two-thirds of the weight lost is lean mass, and one-third is fat mass'; a 14-day "
             "(median) water-only fast measured by DXA: fat-free mass 74 % of the weight lost (Dryad dataset "
             "doi:10.5061/dryad.q2bvq83z8, abstract)",
      observed=66.7, low=60.0, high=74.0, unit="% of mass lost",
      tolerance="two-thirds ± 7 points, a judgement bounded above by the 74 % of the 14-day DXA study",
      method="models.energy daily step, intake 0 for 14 days (the DXA study's median), a 90 kg, 1.75 m man and an "
             "80 kg, 1.65 m woman of 45 (overweight, as in most trials: a judgement), at rest; weight lost less fat "
             "lost (lean tissue, glycogen with its water, ECF), as a share of the weight lost, averaged",
      constrains=_BODY + _LABILE + _STARVATION)
def _fat_free_share_14d() -> float:
    return 0.5 * (_fat_free_share(90.0, 1.75, 45.0, 1, 14) + _fat_free_share(80.0, 1.65, 45.0, 0, 14))


def _lean_loss_rate(mass0: float, height: float, age: float, sex: int, first: int, last: int) -> float:
    """Lean tissue lost [g per kg of body mass per day] from the end of day ``first`` to the end of day ``last`` of a
    total fast, per kg of the mass at the end."""
    course = _starve(mass0, height, age, sex, 0.0, last)
    lost = course["lean"][first - 1] - course["lean"][last - 1]
    return 1000.0 * float(lost / (last - first) / course["mass"][last - 1])


@case(id="starvation-obese-fast-lean-tissue-rate", title="Obese patients in an established fast: lean tissue lost "
      "per day", topic="starvation",
      source="'Components of weight loss in obese patients subjected to prolonged starvation' (abstract, checked at "
             "scilit.com; authors and journal not recorded there): seven obese patients, lean tissue loss from "
             "nitrogen balance; after the first week 'the lean tissue loss gradually diminished on continued fast "
             "to a constant rate between 0.9 and 1.3 g/kg per day'; fat loss 1.5-2.1 g/kg per day",
      observed=1.1, low=0.9, high=1.3, unit="g kg-1 day-1",
      tolerance="the range of the seven patients' constant rates",
      method="models.energy daily step, intake 0, a 100 kg, 40-year-old obese woman of 1.63 m and man of 1.75 m (as "
             "in starvation-runcie-1974-fat-share; the patients' sex and sizes are not in the abstract), at rest; "
             "lean tissue lost over days 21-28 per kg of body mass, the mean of the two",
      constrains=_PARTITION + ("models.energy.lean_energy_density",),
      note="Tests the energy density of lean tissue lost in a fast (models.energy.lean_energy_density: protein with "
           "its water, from Elia 1992, not from these patients): with Hall's 1,816 kcal/kg for it the model lost "
           "half as much (0.58 g/kg/day) for the same share of energy from protein.  The woman alone gives 0.83, "
           "the man 1.48: the patients' sizes matter.")
def _obese_lean_tissue_rate() -> float:
    return 0.5 * (_lean_loss_rate(100.0, 1.63, 40.0, 0, 21, 28) + _lean_loss_rate(100.0, 1.75, 40.0, 1, 21, 28))


@case(id="starvation-44-day-fast-protein-share", title="44-day total fast of a man at rest: share of expenditure from "
      "protein", topic="starvation",
      source=_FAST_44 + "; 'total energy expenditure was estimated to be 1638-2155 kcal/d of which 13.0-17.1% was "
             "from protein oxidation' (abstract, as listed by the TrueNorth Health fasting literature database)",
      observed=15.05, low=13.0, high=17.1, unit="% of expenditure",
      tolerance="the study's own range of estimates",
      method="as starvation-44-day-fast-expenditure; energy drawn from lean tissue (its density, "
             "models.energy.lean_energy_density, times the lean mass lost) over the 44 days as a share of the "
             "summed daily expenditure",
      constrains=_PARTITION,
      note=("Passes (13.8 %; 8.7 % with Hall's single Forbes constant and Deurenberg's 24.7 % fat, 10.8 % with the "
           "measured 20 %).  A man of 96 kg with 77 kg of fat-free mass has a protein reserve (the dispensable "
           "share of his protein, a fixed share of the fat-free mass: Dulloo & Jacquet 1999, Elia 1992) a third "
           "larger than the reference man's for whom Forbes's constant holds, and in a fast draws on it in "
           "proportion (models.energy.forbes_constant).  The same partition keeps normal-weight men's 6-day share "
           "(starvation-normal-weight-6-day-fast-protein-share) and obese fasters' later weeks "
           "(starvation-runcie-1974-fat-share, starvation-obese-women-4th-week-protein-share) in their bands."))
def _fast_44_protein_share() -> float:
    course = _fast_44()
    lean0 = 96.0 * (1.0 - _FAT_44)
    lost = (lean0 - float(course["lean"][-1])) * course["lean_density"][0]
    return 100.0 * lost / float(np.sum(course["expenditure"]))


_NITROGEN = "'Nitrogen loss in normal and obese subjects during total fast' (abstract in German and English, " \
    "checked at scilit.com; authors and journal not recorded there): 12 men and 12 women of ideal weight fasted 6 " \
    "days, 20 obese men and 28 obese women 6-28 days; protein energy from urinary N x 6.25 x 4.1 kcal, expenditure " \
    "from metabolic tables"


def _protein_share(mass0: float, height: float, age: float, sex: int, first: int, last: int) -> float:
    """Share [%] of the expenditure of days ``first`` + 1 to ``last`` of a total fast drawn from lean tissue (its
    density times the lean mass lost)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        lean0 = mass0 * (1.0 - float(energy.body_fat_fraction(mass0 / height**2, age, sex)))
    course = _starve(mass0, height, age, sex, 0.0, last)
    lean = np.concatenate([[lean0], course["lean"]])
    return 100.0 * float((lean[first] - lean[last]) * course["lean_density"][0]
                         / np.sum(course["expenditure"][first:last]))


@case(id="starvation-normal-weight-6-day-fast-protein-share", title="Men of ideal weight fasting 6 days: share of "
      "expenditure from protein", topic="starvation",
      source=_NITROGEN + "; protein 15 % of energy expenditure in the normal-weight men's 6-day fast; urinary N up "
             "to 14.5 g/day in the first days",
      observed=15.0, low=12.0, high=18.0, unit="% of expenditure",
      tolerance="± 3 points, a judgement: the abstract gives no spread",
      method="models.energy daily step, intake 0 for 6 days, a man of 70 kg, 1.78 m, 25 y (ideal weight: a "
             "judgement), at rest (1.4 × RMR before); energy drawn from lean tissue (its density times "
             "the lean mass lost) as a share of the summed expenditure",
      constrains=_PARTITION,
      note="Tests the protein share early in a lean man's fast, where gluconeogenesis from protein is at its height "
           "(Cahill 1970): Forbes's partition (models.energy.forbes_constant) gives it without a separate "
           "gluconeogenic term.")
def _normal_weight_protein_share() -> float:
    return _protein_share(70.0, 1.78, 25.0, 1, 0, 6)


@case(id="starvation-obese-women-4th-week-protein-share", title="Obese women in the fourth week of a fast: share of "
      "expenditure from protein", topic="starvation",
      source=_NITROGEN + "; protein 5 % of energy expenditure in obese women after 4 weeks of fasting (urinary N "
             "3.0 g/day)",
      observed=5.0, low=3.0, high=7.0, unit="% of expenditure",
      tolerance="± 2 points, a judgement: the abstract gives no spread",
      method="models.energy daily step, intake 0 for 28 days, a 100 kg, 1.63 m, 40-year-old woman (as in "
             "starvation-runcie-1974-fat-share; sizes not in the abstract), at rest; share over days 22-28",
      constrains=_PARTITION,
      note="Tests the protein sparing of a ketoadapted obese faster.  A gluconeogenic protein floor after Cahill "
           "(1970: 75 g/day falling to 20 g/day, ketoadaptation time constant ~14 days) gives 9.0 % here (tried and "
           "reverted on branch fasting).")
def _obese_women_protein_share() -> float:
    return _protein_share(100.0, 1.63, 40.0, 0, 21, 28)


@case(id="starvation-acute-10-day-fast-protein-lost", title="10-day fast of six men: dry protein lost",
      topic="starvation",
      source="'Metabolic Aspects of Acute Starvation' (abstract, checked at scilit.com; a US Army Medical Research "
             "and Nutrition Laboratory study, authors not recorded there): six healthy men, 21-52 y, 10 days of "
             "water only; weight -7.30 kg, densitometrically 3.46 kg fat and 3.84 kg fat-free mass, 'which included "
             "a loss of 0.77 kg of dry protein'; urinary potassium and creatinine or potassium-40 counting exceeded "
             "the densitometric protein loss by 22 and 31 %",
      observed=0.77, low=0.65, high=1.01, unit="kg",
      tolerance="from 0.77 kg less 15 % (a judgement on densitometry in hypohydrated men) to the potassium-40 "
                "estimate, 31 % above it",
      method="models.energy daily step, intake 0 for 10 days, a man of 75 kg, 1.78 m, 35 y (sizes not in the "
             "abstract: a judgement), at rest; energy drawn from lean tissue (its density times the lean "
             "mass lost) divided by 4.44 kcal per g of protein",
      constrains=_PARTITION,
      note=("Fails (0.49 kg; 0.47 with Hall's single Forbes constant): the partition (models.energy.forbes_constant, "
           "the men's protein reserve a fixed share of their fat-free mass) draws 63 % of the protein these men "
           "lost in their first ten days (~77 g/day, Cahill's 1970 ~75 g/day of early starvation).  The protein "
           "lost is energy from protein over 4.44 kcal/g, so the density of lean tissue "
           "(models.energy.lean_energy_density) does not move it.  The men's sizes are a judgement: the "
           "normal-weight men of starvation-normal-weight-6-day-fast-protein-share (70 kg, 16 % fat) lose ~60 g/day "
           "in the model, 13.4 % of their expenditure against the observed 15 %, within that case's band.  The two "
           "studies agree with each other: the 6-day study's measured 15 % of these men's expenditure in the model "
           "(19,300 kcal in 10 days) is 0.652 kg of protein, the band's lower edge.  The model draws 11.2 %: "
           "Forbes's share for the fat assumed here (Deurenberg's 20 %, 15.2 kg, at an assumed 75 kg and 35 y: "
           "C/(C + F) = 12.2 %, where the 6-day men's 11.2 kg give 15.7 %) less the ~10 % of the expenditure that "
           "glycogen pays in the first days; the men's measured fat is not in the abstract (the 0.77 kg is "
           "densitometric, and the potassium methods give 22-31 % more).  A ketoadaptation fall of the share after "
           "the first week (tried for starvation-sands-1981-mass-lost-day-60) moves this case the wrong way "
           "(0.39-0.43 kg).  Tried and "
           "not kept: letting glycogen spare fat rather than protein in the first days (0.51 kg here, but 25.7 % in "
           "starvation-levanzin-31-day-fast), a gluconeogenic protein floor after Cahill (0.58 kg, breaks the obese "
           "fasters' cases) and a ketoadaptation boost of the share reaching 0.65 kg (breaks the normal-weight "
           "men's 6-day share).  The study's fat-free share of the weight lost (53 %) is not a case: densitometry in "
           "the severe hypohydration it reports overstates fat loss."))
def _acute_protein_lost() -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ModelRangeWarning)
        lean0 = 75.0 * (1.0 - float(energy.body_fat_fraction(75.0 / 1.78**2, 35.0, 1)))
    course = _starve(75.0, 1.78, 35.0, 1, 0.0, 10)
    return float((lean0 - course["lean"][-1]) * course["lean_density"][0] / energy.PROTEIN_ENERGY)


@case(id="starvation-10-day-fast-mass-loss", title="10-day complete fast of young men: body mass lost",
      topic="starvation",
      source="'Effects of 10-day complete fasting on physiological homeostasis, nutrition and health markers in male "
             "adults', Nutrients (2022) 14:3860 (China Astronaut Research and Training Center; abstract checked at "
             "mdpi.com): 13 men "
             "under medical supervision, body weight -7.28 kg (-9.8 %)",
      observed=9.8, low=7.8, high=11.8, unit="% of body mass",
      tolerance="± 2 points, a judgement: the abstract gives no spread",
      method="models.energy daily step, intake 0 for 10 days, a man of 74.3 kg (7.28 kg / 9.8 %), 1.72 m and 30 y "
             "(height and age assumed), at rest in a research building (1.4 × RMR before)",
      constrains=_STARVATION + _BODY + _LABILE)
def _ten_day_fast() -> float:
    return 100.0 * (1.0 - float(_starve(74.3, 1.72, 30.0, 1, 0.0, 10)["mass"][-1]) / 74.3)


# --- semi-starvation ----------------------------------------------------------------------------------------------

MILE = 1609.344


def _minnesota() -> dict[str, np.ndarray]:
    """Keys et al. 1950: 69.5 kg, 1.78 m, 25 y men, weight-stable at 3,200 kcal/day, then 1,570 kcal/day for 168 days
    walking 22 miles a week (≈ 250 kcal/day of walking at 1.34 m/s by LCDA, held in ``work``)."""
    from longwalk.models.walking import walking_metabolic_rate

    seconds = 22 * MILE / 7 / 1.34
    walk = float((walking_metabolic_rate(1.34, 0.0, 69.5) - 1.44 * 69.5) * seconds / energy.KCAL)
    rmr0 = float(energy.resting_metabolic_rate(69.5, 1.78, 25.0, 1))
    return _starve(69.5, 1.78, 25.0, 1, 1570.0, 168, activity_level=(3200.0 - walk) / rmr0, work=walk)


@case(id="starvation-minnesota-24wk-mass-loss", title="Minnesota semi-starvation: body mass lost in 24 weeks",
      topic="starvation",
      source="Keys A et al. (1950) The Biology of Human Starvation, University of Minnesota Press: 32 men, 1,570 "
             "kcal/day for 24 weeks with 22 miles of walking a week, -24 % body weight",
      observed=24.0, low=21.0, high=27.0, unit="% of body mass",
      tolerance="± 3 points (the men's individual losses spread about that much)",
      method="models.energy daily step for 69.5 kg, 1.78 m, 25 y men at 1,570 kcal/day from a 3,200 kcal/day "
             "balance, walking costed by LCDA",
      constrains=_STARVATION + _BODY, fitted=_STARVATION,
      note="Calibration: the two semi-starvation coefficients were fitted to this number and to the BMR fall.")
def _minnesota_loss() -> float:
    return 100.0 * (1.0 - _minnesota()["mass"][-1] / 69.5)


@case(id="starvation-minnesota-no-deaths", title="Minnesota semi-starvation: nobody died in 24 weeks",
      topic="starvation",
      source="Keys et al. (1950): all 32 men who completed the 24-week semi-starvation survived",
      observed=0.0, low=0.0, high=8.9, unit="% dead",
      tolerance="0 of 32: the one-sided 95 % upper bound of the death probability is 1 - 0.05^(1/32) = 8.9 %",
      method="as starvation-minnesota-24wk-mass-loss; probability of dying by day 168 from the death hazards",
      constrains=_DEATH)
def _minnesota_deaths() -> float:
    return 100.0 * (1.0 - _minnesota()["alive"][-1])


# --- hard work on short rations ---------------------------------------------------------------------------------


def _ranger(days: int = 56, deficit: float = 1000.0) -> tuple[float, float, float]:
    """Nindl et al. 2007 Ranger students: 78.4 kg, 14.7 % fat, 56 days at the measured deficit (kcal/day)."""
    fat0 = 78.4 * 0.147
    fat, lean = fat0, 78.4 - fat0
    for _ in range(days):
        fat, lean = energy.body_composition_step(fat, lean, 3000.0, 3000.0 + deficit)
    return float(fat + lean), float(fat), fat0


@case(id="starvation-ranger-8wk-mass-loss", title="US Army Ranger training: body mass lost in 8 weeks",
      topic="starvation",
      source="Nindl BC et al. (2007) Physiological consequences of U.S. Army Ranger training, Med Sci Sports Exerc "
             "39:1380-1387: 50 men, 78.4 ± 8.7 kg, 14.7 % fat, average energy deficit 1,000 kcal/day for 8 weeks, "
             "body mass -13 %",
      observed=13.0, low=12.0, high=16.0, unit="% of body mass",
      tolerance="the Ranger studies' own spread: 12-16 % average losses in the 1991-92 classes (Shippee et al. "
                "1994, DTIC ADA290252; National Academies CMNR 1999: 12-15 %)",
      method="models.energy.body_composition_step for 56 days at the measured 1,000 kcal/day deficit (the deficit "
             "is imposed, so this tests the energy content of the tissue lost)",
      constrains=("models.energy.body_composition_step",))
def _ranger_mass() -> float:
    mass, _, _ = _ranger()
    return 100.0 * (1.0 - mass / 78.4)


@case(id="starvation-ranger-8wk-fat-loss", title="US Army Ranger training: share of body fat lost in 8 weeks",
      topic="starvation",
      source="Nindl et al. (2007) Med Sci Sports Exerc 39:1380: fat mass -50 %, fat-free mass -6 %; Shippee et al. "
             "(1994): body fat from 15 % to 5 % of body mass",
      observed=50.0, low=40.0, high=72.0, unit="% of fat mass",
      tolerance="from Nindl's -50 % to Shippee's 15 → 5 % of a 16 % lighter body (-72 %)",
      method="as starvation-ranger-8wk-mass-loss; fat mass lost (Forbes's partition of the deficit)",
      constrains=("models.energy.body_composition_step",))
def _ranger_fat() -> float:
    _, fat, fat0 = _ranger()
    return 100.0 * (1.0 - fat / fat0)


@case(id="starvation-bmi-at-death-men", title="Men starving to death: median BMI at death",
      topic="starvation",
      source="Henry CJK (1990) Body mass index and the limits of human survival, Eur J Clin Nutr 44:329-335 (ENN "
             "Field Exchange 15 summary): men ~13 kg m-2, CV 8.7 %",
      observed=13.0, low=11.9, high=14.1, unit="kg m-2",
      tolerance="± one standard deviation of Henry's men (CV 8.7 %)",
      method="models.energy daily step, a 70 kg, 1.78 m man walking 4 h a day (~900 kcal) on 500 kcal/day; the "
             "BMI on the day the death hazards have killed half",
      constrains=_DEATH, fitted=("models.energy.starvation_bmi_hazard",),
      note="Calibration: Henry's mean and spread are the hazard's parameters; the case shows that with the other "
           "death hazards and a walker's fast decline the median still sits at Henry's value.")
def _bmi_at_death_men() -> float:
    course = _starve(70.0, 1.78, 30.0, 1, 500.0, 400, work=900.0)
    day = _median_survival_day(course)
    return float(course["bmi"][int(day) - 1]) if math.isfinite(day) else math.nan


# --- starving to death, at rest and walking --------------------------------------------------------------------


@case(id="starvation-elia-1992-fat-used-at-death", title="A lean man starved to death: share of his fat used",
      topic="starvation",
      source="Elia M (1992) Effect of starvation and very low calorie diets on protein-energy interrelationships in "
             "lean and obese subjects, IDECG workshop Protein-energy interactions, §3.2 and Figure 3 "
             "(archive.unu.edu/unupress/food2/UID07E/uid07e12.htm): 'At the time of death, a 70 kg man with 9 kg "
             "initial fat (13% body fat) and 12.2 kg protein (87% fat-free mass) loses most of his fat (8 kg) and "
             "only 4.6 kg protein (these values are based on autopsy findings of subjects who died of starvation)'; "
             "79 % of the energy from fat, 64 days at 1,500 kcal/day, 'similar to the actual values reported for "
             "lean individuals' (his Table 3: nine Northern Ireland fasters 57-73 days; Meyers 1917, 63 days)",
      observed=100.0 * 8.0 / 9.0, low=100.0 * 7.0 / 9.0, high=100.0, unit="% of fat mass",
      tolerance="8 of 9 kg ± 1 kg, a judgement: Elia's figures are a scheme built on autopsy findings, without a "
                "spread",
      method="models.energy daily step, intake 0, Elia's man: 70 kg, 9 kg of fat, 1.75 m (height not given: BMI "
             "22.9), 30 y, at rest (1.4 × RMR before); fat used by the median day of death (death hazards as "
             "starvation-hunger-strike-1981-survival)",
      constrains=_PARTITION + _DEATH, fitted=("models.energy.forbes_constant",),
      note=("Calibration: the protein reserve of models.energy.forbes_constant (PROTEIN_RESERVE_PER_LEAN) is "
            "Elia's 4.6 of 12.2 kg of protein from this scheme, so the case is scored apart.  Fails (59 %: he dies "
            "on day 64 at BMI 13.1 with 3.7 kg of fat left and 33 % of his lean mass gone).  Forbes's form p = "
            "C/(C + F) keeps C at the protein reserve he started with while F falls, so the protein share of the "
            "energy drawn rises as fat runs down and the reserve is spent (∫ dE_P = a L0 ln(F0/F)) when e^-1 = 37 % "
            "of the fat is left; Dulloo & Jacquet (1999, Br J Nutr 82:339, abstract) and Elia's scheme have the two "
            "reserves run out together.  Tried and not kept: C set by the protein reserve still left, C = r a L0/ρ_F "
            "with r = (L - 0.623 L0)/(0.377 L0) (the share of the dispensable fat-free mass left), which holds the "
            "protein share of a fast at its first value: this case 81 % (day 82, BMI 13.0), but the Maze hunger "
            "strike at 68 kg 84 days (band 46-73; 62, 64, 66 kg give 55, 64, 74), "
            "starvation-44-day-fast-mass-loss 22.2 % (band from 22.5) and starvation-44-day-fast-protein-share "
            "11.7 % (band from 13.0), and starvation-walking-franklin-1821-survival 88 % alive (band to 74); "
            "starvation-levanzin-31-day-fast 24.5 → 23.2 %, starvation-obese-fast-lean-tissue-rate 1.24 → 1.11 "
            "g/kg/day and starvation-runcie-1974-fat-share 95.2 → 95.6 % moved towards their observations.  With "
            "Elia's reserves the energy a lean man has to spend before he dies is ~85,000 kcal, which the model's "
            "fasting expenditure (2,050 kcal/day on day 1, ~900 by day 60, Minnesota-fitted) stretches beyond the "
            "hunger strikers' 46-73 days unless they weighed ~62-65 kg; Elia reckons 1,500 kcal/day throughout.  "
            "Which of the two, the partition's late protein or the late expenditure, holds the error is open.  "
            "Checked on branch starve: not the expenditure.  Holding the Minnesota-fitted starvation factors at "
            "their values at the end of the fitted range (weight loss 0.24 or 0.30) raises the late expenditure and "
            "leaves this case at 59.2-59.4 % (hunger strike 66-68 days): with an energy partition the fat used by "
            "the day of death does not depend on how fast energy is spent, only on the protein share along the "
            "way.  Part of the gap is the labile mass: the model's man dies (BMI 13.1, 40.0 kg) with 25.7 kg of "
            "tissue lost, where Elia's scheme loses 31 kg (8 kg of fat and 23 kg of lean tissue 20 % protein: 39 "
            "kg, BMI 12.7 at 1.75 m), because the ~4.3 kg of glycogen water and extracellular fluid count in his "
            "weighed BMI; but at Elia's tissue loss (day 80) he would still have used only 65 % of his fat.  A "
            "ketoadaptation fall of the protein share passes this case (84.8 %) and breaks seven validation cases "
            "(see starvation-sands-1981-mass-lost-day-60)."))
def _elia_fat_used() -> float:
    course = _starve(70.0, 1.75, 30.0, 1, 0.0, 200, fat_fraction=9.0 / 70.0)
    day = _median_survival_day(course)
    return 100.0 * (1.0 - float(course["fat"][int(day) - 1]) / 9.0) if math.isfinite(day) else math.nan


_SANDS_START = (10 * 14) * 0.45359237  # [kg] 10 st 0 lb: 7 st 5 lb after 'a loss of 2 st 9 lb' (the case's source)
_SANDS_DAY = 60  # 29 April 1981, the Wednesday of the report, counting 1 March as day 1


@case(id="starvation-sands-1981-mass-lost-day-60",
      title="Bobby Sands's hunger strike, 1981: body mass lost by day 60",
      topic="starvation",
      source="An Phoblacht, 'Days to live' (reprinted 26 April 2001, anphoblacht.com/contents/7447, from the issue "
             "of the last week of April 1981): 'By Wednesday, his weight had fallen to 7st 5lbs, a loss of 2st 9lbs' "
             "(46.7 kg from 63.5 kg: -26.4 %); Sands began on 1 March and died on 5 May 1981, day 66 "
             "(starvation-hunger-strike-1981-survival), water and no food",
      observed=100.0 * (2 * 14 + 9) / (10 * 14), low=100.0 * (2 * 14 + 9) / (10 * 14) - 3.0,
      high=100.0 * (2 * 14 + 9) / (10 * 14) + 3.0, unit="% of body mass",
      tolerance="± 3 points, a judgement as starvation-levanzin-31-day-fast (one man, weighed in prison and "
                "reported by his movement's paper, in pounds)",
      method="models.energy daily step, intake 0 for 60 days, a man of 27 y and 63.5 kg (the report's 10 st), "
             "1.75 m (height not found: as starvation-hunger-strike-1981-survival), at rest in the prison hospital "
             "(1.4 × RMR before); body mass lost by day 60",
      constrains=_STARVATION + _BODY + _LABILE,
      note=("Fails (41.6 %: 37.1 kg on day 60, where Sands weighed 46.7 kg six days before he died; at 1.70 or "
            "1.80 m, 39.4 or 43.8 %).  The model loses ~0.32 kg a day in the second month, Sands ~0.28 on average "
            "over two.  What the report asks of any body model, by energy: the model spends 70,200 kcal in the 60 "
            "days (its fasting expenditure follows Benedict's calorimetry of Levanzin and the 44-day fast's "
            "1,638-2,155 kcal/day: starvation-levanzin-31-day-fast, starvation-44-day-fast-expenditure) and "
            "glycogen, its water and the extracellular fluid a water-only fast loses come to ~4.3 kg, so at the "
            "band's edge (29.4 %) at most 14.4 kg of tissue paid for ~68,000 kcal, 4,740 kcal/kg: with the lean "
            "tissue lost at ~890 kcal/kg, at most 10 % of the energy from protein (24 % at Hall's 1,816 kcal/kg), "
            "against 13-17 % measured in the 44-day fast of a fatter man, 15 % in normal-weight men's 6-day fast "
            "and Elia's (1992, abstract) finding that in lean fasters the protein share does not fall as starvation "
            "goes on.  It conflicts also with a measured lean faster of his size: Levanzin (60.6 kg, water only, "
            "Benedict 1915) lost 21.8 % in 31 days; on that path Sands would have lost at most 0.17 kg a day over "
            "days 31-60, below the 0.3 kg a day of obese fasters in the third week (Kerndt et al. 1982, "
            "starvation-kerndt-total-fast-week-3).  Tried and not kept (branch starve): the protein share falling "
            "with ketoadaptation in a fast, Forbes's share times 1 - (1 - k)(1 - e^(-t/τ)) after Cahill (2006, Annu "
            "Rev Nutr 26:1: protein use falls to ~20 g/day in prolonged starvation) and Hall (2006, Am J Physiol "
            "Endocrinol Metab 291:E23): k = 0.5, τ = 10 days gives 35.2 % here and passes "
            "starvation-elia-1992-fat-used-at-death (84.8 %), but puts the hunger strike at 86 days, "
            "starvation-44-day-fast-mass-loss 20.2 %, starvation-44-day-fast-protein-share 8.6 %, the normal-weight "
            "6-day share 11.5 %, starvation-obese-fast-lean-tissue-rate 0.69, the obese women's 4th-week share "
            "2.1 % and starvation-walking-franklin-1821-survival 84 % outside their bands; k = 0.6, τ = 14 days "
            "gives 37.0 % here, Elia 77.2 %, and six of the same outside.  With the protein share held at its first "
            "value (the reserve-limited partition tried in starvation-elia-1992-fat-used-at-death) it is 36.8 %.  "
            "The Maze strikers took water and salt (from memory); salt would keep the ~1.1 kg of extracellular "
            "fluid that the sodium term of models.energy.extracellular_fluid_change removes, 1.8 points.  The "
            "report (his movement's paper, in stones) or its 10 st starting weight is the likelier error; a second "
            "weighed record of a Maze striker would settle it."))
def _sands_mass_lost() -> float:
    course = _starve(_SANDS_START, 1.75, 27.0, 1, 0.0, _SANDS_DAY)
    return 100.0 * (1.0 - float(course["mass"][_SANDS_DAY - 1]) / _SANDS_START)


# Franklin's party (ESTIMATES, see the case): men of 65 kg, 1.70 m and 30 y, body fat from Deurenberg as in the other
# cases of unmeasured men (17.7 %); 150 kcal/day of lichen, bones and leather; 6 h a day at 0.9 m/s with 15 kg over
# snowy tundra (LCDA terrain factor 1.2), net of standing, for the 41 days to Fort Enterprise, then at rest to
# 7 November (day 68).
_FRANKLIN = dict(mass=65.0, height=1.70, age=30.0, intake=150.0, hours=6.0, speed=0.9, load=15.0, terrain=1.2,
                 walk_days=41, days=68)


@case(id="starvation-walking-franklin-1821-survival",
      title="Franklin's overland party, 1821: share alive after ten weeks on lichen, bones and leather, six of them "
            "walking",
      topic="starvation",
      source="Franklin J (1823) Narrative of a Journey to the Shores of the Polar Sea, as reviewed in 1823 "
             "(books.google, p. 188 of the reviewing journal): 'From the time they quitted the sea, at the end of "
             "August, to the 7th of November, they existed, with very slight, and latterly no exception, on pounded "
             "bones, old leather, and a weed called tripe de roche ... for two months of this period they suffered "
             "under fatigue and exposure'; Franklin's journal (Journey to the Polar Sea, ch. 12, 1 Oct 1821: "
             "putrid spinal marrow and burnt bones shared out; later, in deep snow, 'compelled to encamp after a "
             "march of four miles and a half'); eleven of the twenty died (the expedition's history as summarised "
             "on Wikipedia, 'Coppermine expedition of 1819-1822'), Hood shot by Michel and Michel by Richardson "
             "(Sandler MW, Resolute, from Richardson's "
             "journal); Franklin reached Fort Enterprise on 11 October, the relief came on 7 November (from memory "
             "of Franklin's narrative for the first date)",
      observed=50.0, low=26.0, high=74.0, unit="% alive",
      tolerance="9 of the 18 not killed by violence lived to 7 November: the exact (Clopper-Pearson) 95 % interval "
                "of 9/18 (another summary of the same history counts 11 dead of 22: 11 of 20, 55 %, inside it)",
      method="models.energy daily step (starvation._starve) from 31 August (day 0) to 7 November (day 68): men of "
             "65 kg, 1.70 m, 30 y (ESTIMATE), body fat from Deurenberg (17.7 %, as the other cases of unmeasured "
             "men), eating 150 kcal/day (ESTIMATE: lichen, bones and leather, 'very slight' food), walking 6 h a "
             "day at 0.9 m/s with 15 kg on snowy tundra (LCDA, terrain factor 1.2, net of standing: ESTIMATES) for "
             "the 41 days to Fort Enterprise with the engine's slowing of starving walkers "
             "(engine.compose.starvation_work_capacity), then at rest; probability of being alive on day 68 from "
             "the death hazards",
      constrains=_STARVATION + _BODY + _LABILE + _DEATH + ("engine.compose.starvation_work_capacity",),
      note=("Passes (51 %), but the case constrains little: the men's fat and food are estimates and move the "
            "prediction across the band (on 0, 150 and 300 kcal/day: 20, 51 and 78 % alive; at 12 % and 15 % fat "
            "instead of Deurenberg's 17.7 %: 13 and 32 %; without the engine's slowing, the full 6 h a day for 41 "
            "days, 32 %).  Walking ~1,100 kcal a day (LCDA) the men lose ~0.6 kg a day and half are dead by day "
            "69.  Through the engine, eight lean men (62 kg, 12 % fat, 1.72 m) without food on the Siberian road "
            "east of Tomsk in July, 8 h a day, walk 28-32 km a day for the first ten days at ~3,500 kcal and die "
            "on a median day of 25 (10-90 %: 18-29; 8 runs; 26 of 64 reach Krasnoyarsk, 506 km, first): the "
            "difference is the walking the engine has them do, not the body model (Franklin's starving "
            "party made 'four miles and a half' in a day of deep snow).  On this very route (Hood River falls, "
            "67.1N 108.9W, to Fort Enterprise, 64.53N 113.1W: 356 km planned) from 31 August, twenty such men on "
            "150 kcal/day with 2 clo, blankets, a tent and fire, 8 h a day, walk 25-40 km a day at first and "
            "arrive on days 17-28 (median 20; 8 runs), one of 160 dead, having lost ~0.9 kg a day: about half the "
            "time Franklin took.  The model has no cold here: "
            "the party crossed the Barren Grounds in September and October with little fuel, and men collapsed in "
            "the snow, so cold and exhaustion took some whom starvation alone would not have; a prediction above "
            "the band may be that share, one below it a starvation model that kills too soon."))
def _franklin_alive() -> float:
    p = _FRANKLIN
    walk_kcal = float((walking.walking_metabolic_rate(p["speed"], 0.0, p["mass"], p["load"], p["terrain"])
                       - 1.44 * p["mass"]) * p["hours"] * 3600.0 / energy.KCAL)
    course = _starve(p["mass"], p["height"], p["age"], 1, p["intake"], p["days"], work=walk_kcal,
                     work_days=p["walk_days"], slowing=True)
    return 100.0 * float(course["alive"][-1])


# --- injuries on marches (topic "injury") -------------------------------------------------------------------------


@case(id="injury-knapik-1992-road-march", title="20 km road march at maximal effort with 46 kg: soldiers injured",
      topic="injury",
      source="Knapik J, Reynolds K, Staab J, Vogel JA, Jones B (1992) Injuries associated with strenuous road "
             "marching, Mil Med 157:64-67 (abstract, PubMed 1603388): 335 light infantry soldiers carried 46 kg over a "
             "20 km course as fast as they could; 24 % suffered one or more injuries (35 % of the injuries foot "
             "blisters, 23 % back problems)",
      observed=24.0, low=19.0, high=29.0, unit="% injured",
      tolerance="binomial 95 % interval of 24 % of 335 (± 4.6 points)",
      method="models.hazards.injury_hazard over 20 km on a road (terrain factor 1), 46 kg on a 76 kg soldier "
             "(body mass assumed, as for Reynolds et al.), at the effort of racing: the endurance-trained fraction of "
             "VO2max over a man's own (Bink's, for a man of median fitness, 22 years old: ESTIMATE) for the time the "
             "models take to walk 20 km at that fraction (3.0 h; validation.cases.injury.racing_march_effort: 1.38)",
      constrains=("models.hazards.injury_hazard", "models.hazards.INJURY_EFFORT_EXPONENT",
                  "models.walking.sustainable_vo2max_fraction"),
      fitted=("models.hazards.INJURY_EFFORT_EXPONENT",),
      note=("Calibration: INJURY_EFFORT_EXPONENT (4.8) was fitted to this march, 4.7 times the rate per km of "
            "Reynolds et al.'s march at a marching pace; the rise of injuries with effort is the sources', its "
            "steepness this one march's.  The authors name the unit's lack of recent road marching as a cause too; "
            "the model has no conditioning, so the exponent takes both."))
def _knapik() -> float:
    from longwalk.validation.cases.injury import racing_march_effort

    effort = racing_march_effort(20_000.0, 76.0, 46.0, 22.0, 0.5)
    return 100.0 * float(-np.expm1(-hazards.injury_hazard(20_000.0, 1.0, 46.0 / 76.0, effort)))


@case(id="injury-reynolds-1999-road-march", title="161 km, 5-day cross-country march with 47 kg: soldiers injured",
      topic="injury",
      source="Reynolds KL, White JS, Knapik JJ, Witt CE, Amoroso PJ (1999) Injuries and risk factors in a 100-mile "
             "(161-km) infantry road march, Prev Med 28:167-173 (abstract): 78 of 218 light infantry soldiers (36 %) "
             "injured, 48 % of the injuries blisters; load 47 ± 5 kg",
      observed=36.0, low=29.4, high=42.6, unit="% injured",
      tolerance="binomial 95 % interval of 78 of 218",
      method="models.hazards.injury_hazard over 161 km, terrain factor 1.2 (light brush in "
             "models.walking.TERRAIN_FACTORS, for a 'cross-country' march: a judgement), load 47 kg on a 76 kg "
             "soldier (body mass assumed), at the soldiers' own sustainable pace (effort 1: 32 km a day with 47 kg)",
      constrains=("models.hazards.injury_hazard",), fitted=("models.hazards.injury_hazard",),
      note="Calibration: MARCH_INJURY_PER_KM was fitted to this march (as were SERIOUS_INJURY_SHARE, 17 of the 78 "
           "injured could not finish, and SERIOUS_INJURY_DAYS).")
def _reynolds() -> float:
    return 100.0 * float(-np.expm1(-hazards.injury_hazard(161_000.0, 1.2, 47.0 / 76.0)))


# --- waterborne illness (topic "water") ---------------------------------------------------------------------------


@case(id="water-appalachian-trail-diarrhoea", title="Appalachian Trail backpackers who treated water inconsistently: "
      "diarrhoea over a long hike", topic="water",
      source="Boulware DR (2004) Influence of hygiene on gastrointestinal illness among wilderness backpackers, "
             "J Travel Med 11:27-33: 280 backpackers, 38,940 trail days (139 per hiker); diarrhoea in 69 % of those "
             "who treated water inconsistently, 45 % of those who always did",
      observed=69.0, low=59.0, high=79.0, unit="% ill",
      tolerance="± 10 points, about the binomial 95 % interval for the ~90 inconsistent treaters (their number is "
                "not in the abstract: a judgement)",
      method="models.hazards.waterborne_illness_hazard over 139 days, half the water untreated ('inconsistently': "
             "a judgement), springs and streams at source risk 0.3 (the model's spring class)",
      constrains=("models.hazards.waterborne_illness_hazard",),
      note="The model counts only illness from untreated water; hikers who always treated still fell ill (45 %) "
           "from food and hygiene, a pathway the model lacks.")
def _appalachian() -> float:
    return 100.0 * float(-np.expm1(-139.0 * hazards.waterborne_illness_hazard(0.5, 0.3)))

