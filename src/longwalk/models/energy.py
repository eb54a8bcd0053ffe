"""Energy balance, body composition and starvation.

Pure vectorised functions (scalars or arrays of any broadcastable shape).  Food energy is in kcal and rates in
kcal day-1 (see :mod:`longwalk.glossary`); masses in kg, height in m, age in years; ``sex`` is 1 for men, 0 for women
(Deurenberg's convention).

The engine's daily energy step for one person, with baseline values (suffix 0) fixed at the start of the journey::

    offset = resting_rate_offset(resting_metabolic_rate(mass0, height, age, sex), fat0, lean0)       # once
    loss = weight_loss_fraction(fat + lean, mass0)
    rmr = resting_metabolic_rate_composition(fat, lean, offset) * starvation_resting_factor(loss)
    at = adaptive_thermogenesis_step(at, intake, intake0)
    other = other_activity0 * (fat + lean) / mass0 * starvation_activity_factor(loss)
    walking_kcal = activity_energy(walking_metabolic_rate(...), hours_walked, rmr)
    expenditure = rmr + at + thermic_effect_of_food(intake) + walking_kcal + other + shivering_kcal ...
    glycogen_before, glycogen = glycogen, glycogen_step(glycogen, intake, intake0)       # GLYCOGEN_BASELINE at start
    fat, lean = body_composition_step(fat, lean, intake + RHO_GLYCOGEN * (glycogen_before - glycogen), expenditure,
                                      lean_density=lean_energy_density(intake, intake0),
                                      forbes_constant=forbes_constant(lean0, intake, intake0))
    mass = fat + lean + labile_mass_change(glycogen, extracellular_fluid_change(intake, intake0))
    hazard = (starvation_bmi_hazard(body_mass_index(mass, height), bmi_before, sex)       # bmi_before: yesterday's
              + fat_exhaustion_hazard(fat, mass) + lean_loss_hazard(lean, lean0))

``tests/models/test_energy.py::simulate_minnesota`` runs exactly this for the Minnesota experiment (a calibration:
two constants were fitted to it); :mod:`longwalk.validation.cases.starvation` runs it for other fasts and
underfeedings.

Equations that compiled code may also call are written once, in private
functions decorated with ``numba.extending.register_jitable`` (plain NumPy when the public function calls them on
arrays, compiled for scalars inside the kernel) or as ``njit`` scalar cores with a ``vectorize`` wrapper.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable
from scipy.special import ndtr

from longwalk.models._validate import (
    check_finite,
    check_in,
    check_nonnegative,
    check_positive,
    warn_outside,
)

KCAL = 4184.0
"""One kcal in J."""

WATT_DAY_KCAL = 86400.0 / KCAL
"""kcal per day of 1 W sustained (20.65)."""

# Hall's body-composition model.  Constants as in the R package ``bw`` (INSP México, adult_weight.cpp, after Hall et
# al. 2011 Lancet 378:826 web appendix and Chow & Hall 2008 PLoS Comput Biol 4:e1000045); physiology.md §2.2 [V].
RHO_FAT = 9440.7
"""Energy density of fat-mass change ρ_F [kcal kg-1] (39.5 MJ kg-1)."""
RHO_LEAN = 1816.4
"""Energy density of lean-mass change ρ_L [kcal kg-1] (7.6 MJ kg-1)."""
GAMMA_FAT = 3.107
"""Resting expenditure per kg of fat γ_F [kcal kg-1 day-1]."""
GAMMA_LEAN = 21.99
"""Resting expenditure per kg of lean mass γ_L [kcal kg-1 day-1]."""
ETA_FAT = 179.25
"""Cost of synthesising (or turning over) 1 kg of fat η_F [kcal kg-1]."""
ETA_LEAN = 229.45
"""Cost of synthesising (or turning over) 1 kg of lean mass η_L [kcal kg-1]."""
BETA_TEF = 0.10
"""Thermic effect of food as a fraction of intake β_TEF [-]."""
BETA_AT = 0.14
"""Adaptive thermogenesis per unit change of intake β_AT [-]."""
TAU_AT = 14.0
"""Time constant of adaptive thermogenesis τ_AT [day]."""
FORBES_C = 10.4 * RHO_LEAN / RHO_FAT
"""Forbes partition constant C = 10.4 ρ_L/ρ_F [kg] (≈ 2.0): fraction p = C/(C + F) of an imbalance goes to lean."""

# Lean tissue lost without food.  Hall's ρ_L is the energy of the fat-free mass a dieter loses or gains while eating;
# in a total fast no dietary protein replaces what is oxidised, and the lean tissue lost is body protein with its
# water: the fasting studies count it from nitrogen balance (the textbook 1 g N in ~30 g of lean tissue, quoted from
# memory; 'Components of weight loss in obese patients subjected to prolonged starvation', abstract: 0.9-1.3 g/kg/day
# once the fast is established), and Elia (1992, IDECG workshop on protein-energy interactions, archive.unu.edu,
# §3.2) reckons a starving man's reserves as protein at 4.44 kcal/g (Elia & Livesey 1992) in a fat-free mass that is
# 20 % protein (12.2 kg in the 61 kg of a 70 kg man).
PROTEIN_ENERGY = 4440.0
"""Energy of endogenous protein oxidised [kcal kg-1] (4.44 kcal/g; Elia & Livesey 1992, as quoted by Elia 1992)."""
LEAN_PROTEIN_FRACTION = 0.20
"""Protein in lean (fat-free) tissue [kg kg-1]: 12.2 kg of protein in the 61 kg fat-free mass of Elia's (1992) 70 kg
man (§3.2, from autopsies of people who died of starvation); Stipanuk (2000, Biochemical and Physiological Aspects
of Human Nutrition, as quoted at kazpersonalfitness.com) gives muscle ~80 % water, the rest largely protein."""
RHO_LEAN_FASTING = PROTEIN_ENERGY * LEAN_PROTEIN_FRACTION
"""Energy density of lean tissue lost in a total fast [kcal kg-1] (888: protein with its water)."""
PROTEIN_RESERVE_PER_LEAN = 4.6 * PROTEIN_ENERGY / 61.0
"""Protein energy a starving body can give up, per kg of its fat-free mass before the fast [kcal kg-1] (334.8):
Elia's (1992, §3.2) lean 70 kg man who starves to death has lost 4.6 of his 12.2 kg of protein (autopsies of people
who died of starvation), at 4.44 kcal/g, from a fat-free mass of 61 kg.  Dulloo & Jacquet (1999) call this share of
the protein compartment its dispensable 'protein energy-reserve' and argue, from the Minnesota men, that the fraction
of fat-free mass lost when fat runs out does not depend on the initial fatness: the reserve is a fixed share of the
fat-free mass (:func:`forbes_constant`)."""

# Glycogen and extracellular fluid (ECF): the labile mass that a fast loses in its first days, before fat and lean
# tissue.  Equations and constants of Hall's full adult model as in the R package ``bw`` (INSP México,
# adult_weight.cpp: roG, G_base, the 3.7 G in body weight, Na, zetaNa, zetaCI, pcarb defaults), after Hall KD et al.
# (2011) Lancet 378:826, web appendix.
RHO_GLYCOGEN = 4206.5
"""Energy density of glycogen ρ_G [kcal kg-1] (17.6 MJ kg-1; Hall et al. 2011, ``bw``)."""
GLYCOGEN_BASELINE = 0.5
"""Glycogen stores of a weight-stable adult G_0 [kg] (Hall et al. 2011, ``bw`` G_base: liver ~0.1 plus muscle
~0.4 kg)."""
GLYCOGEN_WATER = 2.7
"""Water stored with each kg of glycogen [kg kg-1]: ``bw`` counts glycogen in body weight as 3.7 G (Hall et al.
2011); Hall 2008 (Int J Obes 32:573) gives about 3 g per g."""
CARBOHYDRATE_FRACTION = 0.5
"""Share of food energy eaten as carbohydrate [-], before and during the journey alike (``bw`` default pcarb 0.5);
with a fixed diet composition carbohydrate intake scales with energy intake."""
SODIUM_CONCENTRATION = 3220.0
"""Sodium concentration of extracellular fluid [Na] [mg L-1] (3.22 g L-1; Hall et al. 2011, ``bw``)."""
XI_SODIUM = 3000.0
"""Renal sodium excretion per litre of ECF above baseline ξ_Na [mg L-1 day-1] (Hall et al. 2011, ``bw``)."""
XI_CARBOHYDRATE = 4000.0
"""Sodium excretion when carbohydrate intake stops ξ_CI [mg day-1], the natriuresis of fasting (Hall et al. 2011,
``bw``)."""
SODIUM_INTAKE_BASELINE = 3400.0
"""Sodium eaten before the journey [mg day-1]: US adults average 3,436 mg (CDC, as quoted by the Chicago Tribune,
27 Dec 2009) [M]; with a fixed diet it scales with energy intake, so a water-only fast eats none."""

# Semi-starvation reductions that Hall's model lacks, FITTED TO MINNESOTA (Keys et al. 1950): with them the daily
# step reproduces both the -24 % body weight and the ~-39 % BMR of the Minnesota men after 24 weeks at 1,570 kcal/day
# (the BMR figure is physiology.md §2.3 [M]); see tests/models/test_energy.py.  They are calibration constants, not
# published ones, refitted (from 0.59 and 2.84) when the glycogen and ECF compartments were added: the fit counts
# the ~1.8 kg of labile mass the Minnesota diet loses in body weight; refitted again (from 0.757 and 3.743) when lean
# tissue lost on short rations was given a density between Hall's and bare protein's (:func:`lean_energy_density`).
# The Minnesota men's famine oedema, which held body weight up, is not modelled, so the factors may absorb it.
STARVATION_RESTING_COEFFICIENT = 0.708
"""Exponent a_r of the resting-rate reduction exp(-a_r w) with fractional weight loss w [-] (fitted to Minnesota)."""
STARVATION_ACTIVITY_COEFFICIENT = 4.314
"""Exponent a_a of the voluntary-activity reduction exp(-a_a w) with fractional weight loss w [-] (fitted to
Minnesota)."""

# Starvation survival limits.  BMI at death by starvation: men 13 kg m-2 (CV 8.7 %), women 11 kg m-2 (CV 14 %) — Henry
# CJK (1990) "Body mass index and the limits of human survival", Eur J Clin Nutr 44:329–335, as summarised by ENN Field
# Exchange 15 ("The limits of human starvation": data from hunger strikers, famine and anorexia nervosa; "several
# females had BMIs as low as 9 and 10").  Below 10 survival was first recorded in Somali famine patients under
# specialised hospital care (Collins S 1995, "The limit of human adaptation to starvation", Nat Med 1:810–814: "a BMI
# of less than 10 ... can be compatible with life, so long as specialized care is provided"; "survival from these
# extremes ... never before recorded").
BMI_AT_DEATH = {1: (13.0, 0.087 * 13.0), 0: (11.0, 0.14 * 11.0)}
"""Mean and standard deviation of the BMI at death by starvation [kg m-2], by sex (1 men, 0 women): Henry 1990."""
BMI_SURVIVAL_FLOOR = {1: 10.0, 0: 9.0}
"""BMI [kg m-2] below which nobody survives starvation without hospital care, by sex: men 10 (Collins 1995: below 10
only with specialised care, never recorded before), women 9 (the lowest female BMIs at death in Henry's 1990 review).
The limit distribution of :func:`starvation_survival_fraction` is Henry's normal truncated here."""
CERTAIN_DEATH_HAZARD = 50.0
"""Hazard [-] standing for certain death (1 - e^-50 = 1 - 2e-22), finite so that sums and ratios of hazards stay
numbers."""
FAT_FRACTION_CRITICAL = 0.02
"""Body-fat fraction [-] around which fat exhaustion becomes lethal — estimate after Leiter & Marliss (1982, JAMA
248:2306: death when nearly all fat is used), physiology.md §2.4 [M]."""
LEAN_LOSS_CRITICAL = 0.45
"""Fraction of baseline lean mass lost [-] around which protein loss becomes lethal — estimate after Leiter & Marliss
(1982: death when about half the protein stores are used), physiology.md §2.4 [M]."""
CRITICAL_HAZARD = 0.1
"""Daily hazard [day-1] at the critical fat fraction or lean loss (estimate: median survival ~7 days there)."""


def body_mass_index(body_mass, height):
    """Body mass index.

    Equation: ``BMI = W / H²``.  Valid for adults of any size.

    Parameters
    ----------
    body_mass : array_like
        Body mass [kg].
    height : array_like
        Standing height [m].

    Returns
    -------
    numpy.ndarray
        Body mass index [kg m-2].

    Examples
    --------
    >>> round(float(body_mass_index(69.5, 1.78)), 2)
    21.94
    """
    w = check_positive("body_mass", body_mass)
    h = check_positive("height", height)
    warn_outside("height", h, 1.2, 2.3, "adult body-size formulas")
    return w / h**2


def body_fat_fraction(body_mass_index, age, sex):
    """Body-fat fraction of an adult from BMI, age and sex (Deurenberg 1991).

    Equation: ``BF% = 1.20 BMI + 0.23 age - 10.8 sex - 5.4`` (sex = 1 men, 0 women), returned as a fraction and
    floored at 0.02.

    Reference: Deurenberg P, Weststrate JA, Seidell JC (1991) "Body mass index as a measure of body fatness: age- and
    sex-specific prediction formulas", Br J Nutr 65:105–114 (adult formula; SEE 4.1 % body fat).  Valid range: BMI
    13.9–40.9 kg m-2 and age 16–83 y (the study population); a ``ModelRangeWarning`` is issued outside.

    Parameters
    ----------
    body_mass_index : array_like
        Body mass index [kg m-2].
    age : array_like
        Age [year].
    sex : array_like
        1 for men, 0 for women [-].

    Returns
    -------
    numpy.ndarray
        Fat mass as a fraction of body mass [-].

    Examples
    --------
    A 25-year-old man with BMI 22: 1.2·22 + 0.23·25 - 10.8 - 5.4 = 15.95 %:

    >>> round(float(body_fat_fraction(22.0, 25.0, 1)), 4)
    0.1595
    """
    bmi = check_positive("body_mass_index", body_mass_index)
    a = check_nonnegative("age", age)
    s = check_in("sex", sex, (0, 1))
    warn_outside("body_mass_index", bmi, 13.9, 40.9, "Deurenberg 1991")
    warn_outside("age", a, 16.0, 83.0, "Deurenberg 1991 adult formula")
    return np.maximum((1.20 * bmi + 0.23 * a - 10.8 * s - 5.4) / 100.0, 0.02)


def resting_metabolic_rate(body_mass, height, age, sex):
    """Resting metabolic rate, Mifflin–St Jeor equation.

    Equation: ``RMR = 9.99 W + 6.25 H_cm - 4.92 A + 166 sex - 161`` (i.e. +5 for men, -161 for women) [kcal day-1].

    Reference: Mifflin MD, St Jeor ST, Hill LA, Scott BJ, Daugherty SA, Koh YO (1990) "A new predictive equation for
    resting energy expenditure in healthy individuals", Am J Clin Nutr 51:241–247.  Valid range: healthy adults
    19–78 y, BMI 17–42 kg m-2 (the study population, approximately); a ``ModelRangeWarning`` is issued for ages
    outside 18–80 y.  Over-predicts in semi-starvation: use :func:`resting_metabolic_rate_composition` there.

    Parameters
    ----------
    body_mass : array_like
        Body mass [kg].
    height : array_like
        Standing height [m].
    age : array_like
        Age [year].
    sex : array_like
        1 for men, 0 for women [-].

    Returns
    -------
    numpy.ndarray
        Resting metabolic rate [kcal day-1].

    Examples
    --------
    A 25-year-old man, 69.5 kg, 1.78 m: 694.3 + 1112.5 - 123 + 5 = 1688.8 kcal/day:

    >>> round(float(resting_metabolic_rate(69.5, 1.78, 25.0, 1)), 1)
    1688.8
    """
    w = check_positive("body_mass", body_mass)
    h = check_positive("height", height)
    a = check_nonnegative("age", age)
    s = check_in("sex", sex, (0, 1))
    warn_outside("age", a, 18.0, 80.0, "Mifflin-St Jeor 1990")
    return _mifflin_st_jeor(w, h, a, s)


@register_jitable
def _mifflin_st_jeor(body_mass, height, age, sex):
    """Mifflin-St Jeor resting metabolic rate [kcal day-1]."""
    return 9.99 * body_mass + 6.25 * (100.0 * height) - 4.92 * age + 166.0 * sex - 161.0


def resting_rate_offset(resting_metabolic_rate, fat_mass, lean_mass):
    """Constant term K of Hall's resting expenditure, chosen so the model matches a known RMR at baseline.

    Equation: ``K = RMR0 - γ_F F0 - γ_L L0`` with γ_F = 3.107, γ_L = 21.99 kcal kg-1 day-1.

    Reference: Hall KD et al. (2011) Lancet 378:826 (web appendix); constants from the R package ``bw``.

    Parameters
    ----------
    resting_metabolic_rate : array_like
        Baseline resting metabolic rate [kcal day-1], e.g. from :func:`resting_metabolic_rate`.
    fat_mass : array_like
        Baseline fat mass [kg].
    lean_mass : array_like
        Baseline lean mass [kg].

    Returns
    -------
    numpy.ndarray
        Offset K [kcal day-1].

    Examples
    --------
    1700 - 3.107·10 - 21.99·60 = 349.53 kcal/day:

    >>> round(float(resting_rate_offset(1700.0, 10.0, 60.0)), 2)
    349.53
    """
    rmr = check_positive("resting_metabolic_rate", resting_metabolic_rate)
    f = check_nonnegative("fat_mass", fat_mass)
    lean = check_nonnegative("lean_mass", lean_mass)
    return rmr - GAMMA_FAT * f - GAMMA_LEAN * lean


def resting_metabolic_rate_composition(fat_mass, lean_mass, resting_rate_offset):
    """Resting metabolic rate from body composition (Hall's model).

    Equation: ``RMR = K + γ_F F + γ_L L`` [kcal day-1], γ_F = 3.107, γ_L = 21.99 kcal kg-1 day-1.

    Reference: Hall et al. (2011) Lancet 378:826 web appendix; Chow & Hall (2008).  Valid range: F >= 0, L > 0.

    Parameters
    ----------
    fat_mass : array_like
        Fat mass [kg].
    lean_mass : array_like
        Lean (fat-free) mass [kg].
    resting_rate_offset : array_like
        Person's constant K [kcal day-1] from :func:`resting_rate_offset`.

    Returns
    -------
    numpy.ndarray
        Resting metabolic rate [kcal day-1].

    Examples
    --------
    350 + 3.107·5 + 21.99·55 = 1574.985:

    >>> round(float(resting_metabolic_rate_composition(5.0, 55.0, 350.0)), 3)
    1574.985
    """
    f = check_nonnegative("fat_mass", fat_mass)
    lean = check_nonnegative("lean_mass", lean_mass)
    k = check_finite("resting_rate_offset", resting_rate_offset)
    return k + GAMMA_FAT * f + GAMMA_LEAN * lean


def thermic_effect_of_food(energy_intake):
    """Energy spent digesting food: a fixed fraction of intake.

    Equation: ``TEF = β_TEF EI`` with β_TEF = 0.10.

    Reference: Hall et al. (2011) Lancet web appendix (β_TEF = 0.1).

    Parameters
    ----------
    energy_intake : array_like
        Food energy eaten [kcal day-1].

    Returns
    -------
    numpy.ndarray
        Thermic effect of food [kcal day-1].

    Examples
    --------
    >>> float(thermic_effect_of_food(2500.0))
    250.0
    """
    ei = check_nonnegative("energy_intake", energy_intake)
    return BETA_TEF * ei


def activity_energy(metabolic_rate, duration, resting_metabolic_rate):
    """Energy an activity costs above resting, for adding to the day's expenditure.

    Equation: ``E = (M - RMR / 20.65) · t · 3600 / 4184`` [kcal], floored at 0, with M the gross metabolic rate of the
    activity [W] (e.g. :func:`longwalk.models.walking.walking_metabolic_rate`) and RMR in kcal day-1 (1 W for a day is
    20.65 kcal).  Resting expenditure is counted once, for the whole day, by the resting rate.

    Parameters
    ----------
    metabolic_rate : array_like
        Gross metabolic rate during the activity [W].
    duration : array_like
        Time spent on the activity [h].
    resting_metabolic_rate : array_like
        Resting metabolic rate [kcal day-1].

    Returns
    -------
    numpy.ndarray
        Energy above resting [kcal].

    Examples
    --------
    8 h at 400 W with an RMR of 1652 kcal/day (80 W): 320 W · 28800 s / 4184 ≈ 2203 kcal:

    >>> round(float(activity_energy(400.0, 8.0, 1652.0)))
    2203
    """
    m = check_nonnegative("metabolic_rate", metabolic_rate)
    t = check_nonnegative("duration", duration)
    rmr = check_nonnegative("resting_metabolic_rate", resting_metabolic_rate)
    return np.maximum(m - rmr / WATT_DAY_KCAL, 0.0) * t * 3600.0 / KCAL


def adaptive_thermogenesis_step(adaptive_thermogenesis, energy_intake, baseline_energy_intake, days=1.0):
    """Advance adaptive thermogenesis by ``days`` (Hall's first-order model, integrated exactly).

    Equation: ``dAT/dt = (β_AT ΔEI - AT) / τ_AT`` with ΔEI = EI - EI0, β_AT = 0.14, τ_AT = 14 days; over a step
    with constant intake ``AT(t+Δt) = β_AT ΔEI + (AT - β_AT ΔEI) exp(-Δt/τ_AT)``.  AT is added to expenditure
    (negative when eating less than at baseline).

    Reference: Hall et al. (2011) Lancet 378:826 web appendix; constants from the R package ``bw``.

    Parameters
    ----------
    adaptive_thermogenesis : array_like
        Current adaptive thermogenesis [kcal day-1] (0 at baseline).
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    baseline_energy_intake : array_like
        Intake at which the person was weight-stable before the journey [kcal day-1].
    days : float
        Step length [day].

    Returns
    -------
    numpy.ndarray
        Adaptive thermogenesis after the step [kcal day-1].

    Examples
    --------
    Cutting intake by 1000 kcal/day: after one day AT = -140 (1 - e^(-1/14)) = -9.65 kcal/day:

    >>> round(float(adaptive_thermogenesis_step(0.0, 2000.0, 3000.0)), 2)
    -9.65
    """
    at = check_finite("adaptive_thermogenesis", adaptive_thermogenesis)
    ei = check_nonnegative("energy_intake", energy_intake)
    ei0 = check_nonnegative("baseline_energy_intake", baseline_energy_intake)
    dt = check_nonnegative("days", days)
    target = BETA_AT * (ei - ei0)
    return target + (at - target) * np.exp(-dt / TAU_AT)


def weight_loss_fraction(body_mass, baseline_body_mass):
    """Fraction of baseline body mass lost (negative for a gain).

    Equation: ``w = 1 - W / W0``.

    Parameters
    ----------
    body_mass : array_like
        Current body mass [kg].
    baseline_body_mass : array_like
        Body mass before the journey [kg].

    Returns
    -------
    numpy.ndarray
        Weight loss fraction [-].

    Examples
    --------
    >>> float(weight_loss_fraction(60.0, 80.0))
    0.25
    """
    w = check_nonnegative("body_mass", body_mass)
    w0 = check_positive("baseline_body_mass", baseline_body_mass)
    return 1.0 - w / w0


def starvation_resting_factor(weight_loss_fraction):
    """Reduction of resting metabolic rate per unit tissue in semi-starvation, beyond Hall's adaptive thermogenesis.

    Equation: ``k_r = exp(-a_r max(w, 0))`` with a_r = :data:`STARVATION_RESTING_COEFFICIENT` = 0.708, FITTED TO THE
    MINNESOTA EXPERIMENT (together with :func:`starvation_activity_factor`) so that 24 weeks at 1,570 kcal/day give
    -24 % body weight and about -39 % BMR.  Multiply :func:`resting_metabolic_rate_composition` by it.

    Reference for the targets: Keys A et al. (1950) *The Biology of Human Starvation*; Taylor & Keys (1950, Science
    112:215: ~40 % of the fall in expenditure came from lower BMR, of which ~1/3 from lower rate per unit tissue).
    Valid range: w 0–0.4 (fitted at w ≈ 0.24); a ``ModelRangeWarning`` is issued above 0.5.

    Parameters
    ----------
    weight_loss_fraction : array_like
        Fraction of baseline body mass lost [-], from :func:`weight_loss_fraction`.

    Returns
    -------
    numpy.ndarray
        Multiplier on resting metabolic rate [-].

    Examples
    --------
    At 24 % weight loss: exp(-0.708 · 0.24) = 0.844:

    >>> round(float(starvation_resting_factor(0.24)), 3)
    0.844
    """
    w = check_finite("weight_loss_fraction", weight_loss_fraction)
    warn_outside("weight_loss_fraction", w, None, 0.5, "Minnesota-fitted starvation factor")
    return np.exp(-STARVATION_RESTING_COEFFICIENT * np.maximum(w, 0.0))


def starvation_activity_factor(weight_loss_fraction):
    """Reduction of voluntary (non-travel) physical activity in semi-starvation.

    Equation: ``k_a = exp(-a_a max(w, 0))`` with a_a = :data:`STARVATION_ACTIVITY_COEFFICIENT` = 4.314, FITTED TO THE
    MINNESOTA EXPERIMENT (see :func:`starvation_resting_factor`).  Multiply the person's baseline non-walking activity
    energy (already scaled by W/W0) by it; the walking the journey requires is costed separately by LCDA.

    Reference for the target: Keys et al. (1950); Taylor & Keys (1950): ~60 % of the fall in daily expenditure came
    from less activity.  Valid range: w 0–0.4; a ``ModelRangeWarning`` is issued above 0.5.

    Parameters
    ----------
    weight_loss_fraction : array_like
        Fraction of baseline body mass lost [-].

    Returns
    -------
    numpy.ndarray
        Multiplier on voluntary activity energy [-].

    Examples
    --------
    At 24 % weight loss: exp(-4.314 · 0.24) = 0.355:

    >>> round(float(starvation_activity_factor(0.24)), 3)
    0.355
    """
    w = check_finite("weight_loss_fraction", weight_loss_fraction)
    warn_outside("weight_loss_fraction", w, None, 0.5, "Minnesota-fitted starvation factor")
    return np.exp(-STARVATION_ACTIVITY_COEFFICIENT * np.maximum(w, 0.0))


def lean_energy_density(energy_intake, baseline_energy_intake):
    """Energy density of the lean tissue lost, from Hall's ρ_L when eating as at home to bare protein with its water
    in a total fast.

    Equation: ``ρ = ρ_P + (ρ_L - ρ_P) min(EI/EI0, 1)`` [kcal kg-1] with ρ_L = 1816.4 (Hall) and ρ_P = 4440 · 0.20 =
    888 kcal kg-1 (protein at 4.44 kcal/g in lean tissue that is 20 % protein: Elia 1992).  Pass it to
    :func:`body_composition_step`; it applies to tissue lost, tissue gained is always at ρ_L.

    Why: the partition of a fast's energy between fat and protein is Forbes's form (:func:`forbes_constant`; the
    nitrogen-based protein shares of fasting lean and obese subjects match it:
    starvation-normal-weight-6-day-fast-protein-share, starvation-runcie-1974-fat-share), but the lean tissue that
    supplies it is counted by nitrogen balance, ~30 g of tissue per g of N, i.e. about 900 kcal/kg: a lean man who
    starves to death has lost most of his fat and 4.6 of his 12.2 kg of protein (Elia 1992 §3.2, from autopsies),
    twice the lean mass Hall's density would allow for that energy.  The straight line between the two densities, in
    the share of the usual food still eaten (dietary protein replacing the body's in proportion), is an ESTIMATE: no
    study of partial diets that separates the two was found.

    Reference: Hall KD et al. (2011) Lancet 378:826 (ρ_L, via ``bw``); Elia M (1992) 'Effect of starvation and very
    low calorie diets on protein-energy interrelationships in lean and obese subjects', IDECG workshop Protein-energy
    interactions (archive.unu.edu/unupress/food2/UID07E), §3.2 (4.44 kcal/g, Elia & Livesey 1992; 12.2 kg protein in
    61 kg fat-free mass).  Valid range: adults, intake 0 up to any multiple of baseline.

    Parameters
    ----------
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    baseline_energy_intake : array_like
        Intake at which the person was weight-stable before the journey [kcal day-1].

    Returns
    -------
    numpy.ndarray
        Energy density of lean tissue lost [kcal kg-1].

    Examples
    --------
    Half the usual food: 888 + (1816.4 - 888) · 0.5 = 1352.2 kcal/kg:

    >>> round(float(lean_energy_density(1000.0, 2000.0)), 1)
    1352.2
    """
    ei = check_nonnegative("energy_intake", energy_intake)
    ei0 = check_positive("baseline_energy_intake", baseline_energy_intake)
    return RHO_LEAN_FASTING + (RHO_LEAN - RHO_LEAN_FASTING) * np.minimum(ei / ei0, 1.0)


def forbes_constant(baseline_lean_mass, energy_intake, baseline_energy_intake):
    """Forbes's constant C of the partition p = C/(C + F) of an energy imbalance to lean tissue, for one person: Hall's
    when eating as at home, set by the person's own protein reserve in a total fast.

    Equation: ``C = C_H + (a L0 / ρ_F - C_H)(1 - min(EI/EI0, 1))`` [kg] with Hall's C_H = 10.4 ρ_L/ρ_F = 2.001 kg
    (:data:`FORBES_C`, from Forbes's curve of fat-free mass on fat mass), a = :data:`PROTEIN_RESERVE_PER_LEAN`
    (334.8 kcal per kg of fat-free mass) and L0 the fat-free mass before the journey.

    Why: in starvation the body draws its fuel from two reserves, the fat and the dispensable share of its protein,
    in proportion to their sizes, so that both run out together (Dulloo & Jacquet 1999, from the Minnesota men; the
    'memory of partitioning' is the initial composition).  With the protein reserve a L0 and the fat reserve ρ_F F
    the protein share of the energy drawn is a L0/(a L0 + ρ_F F) = C/(C + F), Forbes's form with C = a L0/ρ_F.  For
    Elia's (1992) reference man (61 kg fat-free) C = 2.16 kg, within 8 % of Hall's constant from Forbes's fed
    subjects, but a big man (77 kg fat-free: 2.72 kg) gives up more protein than Forbes's single constant allows, a
    small one less, as fasting men of different sizes did (starvation-44-day-fast-protein-share,
    starvation-levanzin-31-day-fast).  Eating, dietary protein replaces the body's: the straight line in the share
    of the usual food still eaten is the same ESTIMATE as :func:`lean_energy_density`'s.

    Reference: Dulloo AG, Jacquet J (1999) The control of partitioning between protein and fat during human
    starvation: its internal determinants and biological significance, Br J Nutr 82:339-356 (abstract); Elia M
    (1992) IDECG workshop Protein-energy interactions, §3.2 (archive.unu.edu/unupress/food2/UID07E); Hall KD (2008)
    Int J Obes 32:573 (C_H).  Valid range: adults; L0 30-90 kg (estimate).

    Parameters
    ----------
    baseline_lean_mass : array_like
        Fat-free mass before the journey [kg].
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    baseline_energy_intake : array_like
        Intake at which the person was weight-stable before the journey [kcal day-1].

    Returns
    -------
    numpy.ndarray
        Forbes's constant C [kg], for :func:`body_composition_step`.

    Examples
    --------
    Elia's man in a total fast: 334.8 · 61 / 9440.7 = 2.163 kg; eating as at home, Hall's 2.001 kg:

    >>> [round(float(forbes_constant(61.0, ei, 2000.0)), 3) for ei in (0.0, 2000.0)]
    [2.163, 2.001]
    """
    lean0 = check_positive("baseline_lean_mass", baseline_lean_mass)
    ei = check_nonnegative("energy_intake", energy_intake)
    ei0 = check_positive("baseline_energy_intake", baseline_energy_intake)
    warn_outside("baseline_lean_mass", lean0, 30.0, 90.0, "protein reserve scaled to fat-free mass")
    fasting = 1.0 - np.minimum(ei / ei0, 1.0)
    return FORBES_C + (PROTEIN_RESERVE_PER_LEAN * lean0 / RHO_FAT - FORBES_C) * fasting


def body_composition_step(fat_mass, lean_mass, energy_intake, energy_expenditure, days=1.0, lean_density=RHO_LEAN,
                          forbes_constant=FORBES_C):
    """Advance fat and lean mass by one step of Hall's dynamic body-composition model (explicit Euler).

    Equations (F fat, L lean [kg]; EE0 = all expenditure except the cost of tissue synthesis)::

        p  = C / (C + F),  C = ``forbes_constant``                   (Forbes partition of the imbalance)
        ΔE = (EI - EE0) / (1 + η_F (1 - p) / ρ_F + η_L p / ρ_L)     (imbalance net of synthesis cost η dF + η dL)
        F += (1 - p) ΔE Δt / ρ_F,   L += p ΔE Δt / ρ                  (ρ = ``lean_density`` when L falls, else ρ_L)

    ρ_F = 9440.7, ρ_L = 1816.4, η_F = 179.25, η_L = 229.45 kcal kg-1.  C is Hall's 10.4 ρ_L/ρ_F (:data:`FORBES_C`)
    by default; on short rations :func:`forbes_constant` gives a person's own, set by their protein reserve in a
    fast.  The lean tissue that supplies p ΔE when it falls holds ``lean_density`` (Hall's ρ_L by default; on short
    rations :func:`lean_energy_density`, down to bare protein with its water in a total fast).  Fat decays
    geometrically towards 0 and never goes negative; lean mass is floored at 0.  Glycogen with its water and
    extracellular fluid change apart (:func:`glycogen_step`, :func:`extracellular_fluid_change`); pass the energy
    glycogen releases with the intake.

    References: Hall KD (2008) Int J Obes 32:573; Chow CC, Hall KD (2008) PLoS Comput Biol 4:e1000045; Hall et al.
    (2011) Lancet 378:826; Forbes GB (1987) Ann N Y Acad Sci 499:55; constants from the R package ``bw``.  Valid range:
    |EI - EE0| <= 8000 kcal day-1 with Δt <= 1 day (estimate: keeps the Euler step accurate); a
    ``ModelRangeWarning`` is issued beyond.

    Parameters
    ----------
    fat_mass : array_like
        Fat mass [kg].
    lean_mass : array_like
        Lean (fat-free) mass [kg].
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    energy_expenditure : array_like
        Expenditure excluding tissue synthesis: RMR, adaptive thermogenesis, TEF, activity, shivering [kcal day-1].
    days : float
        Step length [day].
    lean_density : array_like
        Energy density of lean tissue lost [kcal kg-1], from :func:`lean_energy_density` (default Hall's ρ_L).
    forbes_constant : array_like
        Forbes's constant C of the partition [kg], from :func:`forbes_constant` (default Hall's :data:`FORBES_C`).

    Returns
    -------
    tuple of numpy.ndarray
        ``(fat_mass, lean_mass)`` after the step [kg].

    Examples
    --------
    A 1000 kcal deficit with F = 2 kg (so p = C/(C + F) = 0.5): ΔE = -1000/(1 + 0.5·179.25/9440.7 + 0.5·229.45/1816.4)
    = -932.0, so fat falls by 0.5·932.0/9440.7 = 0.0494 kg and lean by 0.5·932.0/1816.4 = 0.2566 kg:

    >>> f, l = body_composition_step(2.0, 50.0, 2000.0, 3000.0)
    >>> round(float(2.0 - f), 4), round(float(50.0 - l), 4)
    (0.0494, 0.2567)

    The same deficit in a total fast, lean tissue at 888 kcal/kg: 0.5 · 932.0/888 = 0.525 kg of it:

    >>> f, l = body_composition_step(2.0, 50.0, 2000.0, 3000.0, lean_density=888.0)
    >>> round(float(50.0 - l), 3)
    0.525
    """
    f = check_nonnegative("fat_mass", fat_mass)
    lean = check_nonnegative("lean_mass", lean_mass)
    ei = check_nonnegative("energy_intake", energy_intake)
    ee = check_nonnegative("energy_expenditure", energy_expenditure)
    dt = check_nonnegative("days", days)
    rho = check_positive("lean_density", lean_density)
    c = check_positive("forbes_constant", forbes_constant)
    imbalance = ei - ee
    warn_outside("energy_intake - energy_expenditure", imbalance, -8000.0, 8000.0, "Hall model daily Euler step")
    return _hall_step_partition(f, lean, imbalance, dt, rho, c)


@register_jitable
def _hall_step(fat_mass, lean_mass, imbalance, days):
    """Hall/Forbes Euler step: (fat, lean) [kg] after ``days`` at an energy imbalance [kcal day-1]."""
    return _hall_step_density(fat_mass, lean_mass, imbalance, days, RHO_LEAN)


@register_jitable
def _hall_step_density(fat_mass, lean_mass, imbalance, days, lean_density):
    """:func:`_hall_step` with the lean tissue lost at ``lean_density`` [kcal kg-1] (Hall's ρ_L when fed)."""
    return _hall_step_partition(fat_mass, lean_mass, imbalance, days, lean_density, FORBES_C)


@register_jitable
def _hall_step_partition(fat_mass, lean_mass, imbalance, days, lean_density, forbes_constant):
    """:func:`_hall_step_density` with Forbes's constant ``forbes_constant`` [kg] (:func:`forbes_constant`)."""
    p = forbes_constant / (forbes_constant + fat_mass)
    # tissue is laid down at Hall's density whatever the diet; only tissue lost without food is bare protein
    rho = RHO_LEAN + (lean_density - RHO_LEAN) * (imbalance < 0.0)
    net = imbalance / (1.0 + ETA_FAT * (1.0 - p) / RHO_FAT + ETA_LEAN * p / RHO_LEAN)
    new_fat = fat_mass + (1.0 - p) * net * days / RHO_FAT
    new_lean = lean_mass + p * net * days / rho
    return np.maximum(new_fat, 0.0), np.maximum(new_lean, 0.0)


def glycogen_step(glycogen, energy_intake, baseline_energy_intake, days=1.0):
    """Advance the body's glycogen stores by ``days`` (Hall's model, integrated exactly).

    Equation: ``ρ_G dG/dt = CI - k_G G²`` with carbohydrate intake CI = c EI (c = 0.5, the same diet before and
    during the journey) and k_G = c EI0 / G0² so that G0 = 0.5 kg is the weight-stable store.  For a constant intake
    this Riccati equation has the closed form, with G∞ = G0 √(EI/EI0) the store the intake sustains and
    b = k_G / ρ_G::

        G(t) = G∞ (G + G∞ T) / (G∞ + G T),   T = tanh(b G∞ t)        (G(t) = G / (1 + b G t) when G∞ = 0)

    A total fast empties the stores hyperbolically: a third of them in the first day, four fifths in a week.  Energy
    the stores release, ρ_G (G_before - G_after), feeds the day's expenditure before fat and lean tissue do (pass it
    to :func:`body_composition_step` with the intake); the water stored with glycogen (:data:`GLYCOGEN_WATER`) goes
    and comes with it (:func:`labile_mass_change`).

    Reference: Hall KD et al. (2011) Lancet 378:826, web appendix; constants from the R package ``bw``
    (:data:`RHO_GLYCOGEN`, :data:`GLYCOGEN_BASELINE`, :data:`CARBOHYDRATE_FRACTION`).  Valid range: adults, daily
    steps; the fixed diet composition is an assumption (a ration of fat and meat holds less glycogen).

    Parameters
    ----------
    glycogen : array_like
        Glycogen stores before the step [kg] (:data:`GLYCOGEN_BASELINE` when weight-stable).
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    baseline_energy_intake : array_like
        Intake at which the person was weight-stable before the journey [kcal day-1].
    days : float
        Step length [day].

    Returns
    -------
    numpy.ndarray
        Glycogen stores after the step [kg].

    Examples
    --------
    First day of a total fast from a 2,000 kcal/day balance: k_G = 1000/0.25 = 4000 kcal kg-2 day-1,
    b = 4000/4206.5 = 0.951, G = 0.5/(1 + 0.951 · 0.5) = 0.339 kg:

    >>> round(float(glycogen_step(0.5, 0.0, 2000.0)), 3)
    0.339
    """
    g = check_nonnegative("glycogen", glycogen)
    ei = check_nonnegative("energy_intake", energy_intake)
    ei0 = check_positive("baseline_energy_intake", baseline_energy_intake)
    dt = check_nonnegative("days", days)
    b = CARBOHYDRATE_FRACTION * ei0 / GLYCOGEN_BASELINE**2 / RHO_GLYCOGEN
    g_inf = GLYCOGEN_BASELINE * np.sqrt(ei / ei0)
    # T / G∞ → b t as G∞ → 0 (no carbohydrate eaten)
    t_over = np.where(g_inf > 1e-9, np.tanh(b * g_inf * dt) / np.maximum(g_inf, 1e-9), b * dt)
    return (g + g_inf**2 * t_over) / (1.0 + g * t_over)


def extracellular_fluid_change(energy_intake, baseline_energy_intake):
    """Change of extracellular fluid volume from its weight-stable value when intake differs from baseline.

    Hall's ECF equation, ``[Na] dECF/dt = ΔNa - ξ_Na ΔECF - ξ_CI (1 - CI/CI0)``, at its steady state: its time constant
    [Na]/ξ_Na = 3220/3000 = 1.07 days is the model's daily step, so the day's value is taken.  With the same diet
    before and during the journey both sodium and carbohydrate intake scale with food energy, ΔNa = Na0 (EI/EI0 - 1)
    and CI/CI0 = EI/EI0::

        ΔECF = -(Na0 + ξ_CI) (1 - EI/EI0) / ξ_Na                 [L ≈ kg]

    A water-only fast loses (3400 + 4000)/3000 = 2.5 L: the natriuresis of fasting, in the first two or three days.
    Eating more than at home (and its salt) retains ECF in proportion.

    Reference: Hall KD et al. (2011) Lancet 378:826, web appendix; constants from the R package ``bw``
    (:data:`SODIUM_CONCENTRATION`, :data:`XI_SODIUM`, :data:`XI_CARBOHYDRATE`); baseline sodium intake
    :data:`SODIUM_INTAKE_BASELINE`.  Valid range: intake 0–2 × baseline (estimate); famine oedema of long
    semi-starvation (Keys et al. 1950) is not modelled.

    Parameters
    ----------
    energy_intake : array_like
        Food energy eaten [kcal day-1].
    baseline_energy_intake : array_like
        Intake at which the person was weight-stable before the journey [kcal day-1].

    Returns
    -------
    numpy.ndarray
        ECF volume above (negative: below) its weight-stable value [kg].

    Examples
    --------
    Eating half the usual food: -(3400 + 4000) · 0.5 / 3000 = -1.233 kg:

    >>> round(float(extracellular_fluid_change(1000.0, 2000.0)), 3)
    -1.233
    """
    ei = check_nonnegative("energy_intake", energy_intake)
    ei0 = check_positive("baseline_energy_intake", baseline_energy_intake)
    warn_outside("energy_intake / baseline_energy_intake", ei / ei0, None, 2.0, "Hall 2011 ECF model")
    return -(SODIUM_INTAKE_BASELINE + XI_CARBOHYDRATE) * (1.0 - ei / ei0) / XI_SODIUM


def labile_mass_change(glycogen, extracellular_fluid_change):
    """Body mass gained (negative: lost) as glycogen with its water and as extracellular fluid, from weight stability.

    Equation: ``ΔM = (1 + h_G)(G - G0) + ΔECF`` with h_G = 2.7 kg of water per kg of glycogen and G0 = 0.5 kg.  Body
    mass is ``fat_mass + lean_mass + ΔM``: fat and lean mass are Hall's tissue compartments, holding the
    weight-stable glycogen and ECF.

    Reference: Hall KD et al. (2011) Lancet 378:826 web appendix (body weight F + L + ECF + 3.7 G, as in ``bw``).

    Parameters
    ----------
    glycogen : array_like
        Glycogen stores [kg], from :func:`glycogen_step`.
    extracellular_fluid_change : array_like
        ECF above its weight-stable value [kg], from :func:`extracellular_fluid_change`.

    Returns
    -------
    numpy.ndarray
        Labile mass change [kg].

    Examples
    --------
    Stores emptied to 0.1 kg and 2.5 L of ECF lost: 3.7 · (0.1 - 0.5) - 2.5 = -3.98 kg:

    >>> round(float(labile_mass_change(0.1, -2.5)), 2)
    -3.98
    """
    g = check_nonnegative("glycogen", glycogen)
    ecf = check_finite("extracellular_fluid_change", extracellular_fluid_change)
    return (1.0 + GLYCOGEN_WATER) * (g - GLYCOGEN_BASELINE) + ecf


def starvation_survival_fraction(body_mass_index, sex):
    """Fraction of people starving without care who are still alive when their BMI has fallen to ``body_mass_index``.

    Each person has a BMI at which starvation kills them — the limit of their reserves — and it varies between people:
    Henry's (1990) review of hunger strikers, famine victims and anorexia nervosa puts it at 13.0 ± 1.13 kg m-2 for
    men and 11.0 ± 1.54 for women (mean ± SD, CV 8.7 % and 14 %).  Below :data:`BMI_SURVIVAL_FLOOR` (men 10, women 9)
    nobody survives without hospital care (Collins 1995).  The survival fraction is the share of limits below B::

        S(B) = (Φ((B - μ)/σ) - Φ((B_f - μ)/σ)) / (1 - Φ((B_f - μ)/σ))   for B > B_f,   0 below

    Φ the standard normal distribution function.  The limit is a state of the body, not a dose of time: how fast the
    BMI falls does not move it (Henry found the same limits in fasts of weeks and famines of months).

    Reference: Henry CJK (1990) Eur J Clin Nutr 44:329–335 (ENN Field Exchange 15 summary); Collins S (1995) Nat Med
    1:810–814.  The normal shape and the floors are the reading of these two sources used here.  Valid range: adults
    starving without medical care.

    Parameters
    ----------
    body_mass_index : array_like
        Lowest body mass index reached [kg m-2].
    sex : array_like
        1 for men, 0 for women [-].

    Returns
    -------
    numpy.ndarray
        Fraction still alive [-].

    Examples
    --------
    At a man's mean limit, 13, half have died: (0.5 - Φ(-2.65)) / (1 - Φ(-2.65)) = 0.498; no man is alive at 10:

    >>> [round(float(x), 3) for x in starvation_survival_fraction([13.0, 10.0], 1)]
    [0.498, 0.0]
    """
    bmi = check_positive("body_mass_index", body_mass_index)
    s = check_in("sex", sex, (0, 1))
    return np.exp(_log_survival(bmi, s))


def _log_survival(bmi, sex):
    """ln S(B) of :func:`starvation_survival_fraction`, -inf at and below the floor."""
    mu = np.where(sex == 1, BMI_AT_DEATH[1][0], BMI_AT_DEATH[0][0])
    sigma = np.where(sex == 1, BMI_AT_DEATH[1][1], BMI_AT_DEATH[0][1])
    floor = np.where(sex == 1, BMI_SURVIVAL_FLOOR[1], BMI_SURVIVAL_FLOOR[0])
    below = ndtr((floor - mu) / sigma)
    alive = ndtr((bmi - mu) / sigma) - below
    with np.errstate(divide="ignore"):
        return np.where(bmi > floor, np.log(np.maximum(alive, 0.0)) - np.log1p(-below), -np.inf)


def starvation_bmi_hazard(body_mass_index, previous_body_mass_index, sex):
    """Hazard of death from emaciation over a step in which the BMI fell from ``previous_body_mass_index``.

    Equation: ``λ = ln S(B_prev) - ln S(B)`` for B < B_prev, 0 otherwise, with S from
    :func:`starvation_survival_fraction`; the probability of dying in the step, 1 - exp(-λ) = 1 - S(B)/S(B_prev), is
    the share of those alive at B_prev whose limit lies between B and B_prev.  Whatever the pace of the fall, the BMI
    at death then follows Henry's distribution (men 13.0 ± 1.13, women 11.0 ± 1.54 kg m-2), and nobody passes the
    floor (men 10, women 9): λ is :data:`CERTAIN_DEATH_HAZARD` there.  A BMI that holds steady adds no hazard; a BMI
    that falls, recovers and falls again counts the second fall again (the model keeps no memory of the lowest
    BMI).

    Reference: Henry CJK (1990) Eur J Clin Nutr 44:329–335; Collins S (1995) Nat Med 1:810–814 (see
    :data:`BMI_AT_DEATH`, :data:`BMI_SURVIVAL_FLOOR`).  Valid range: adults, daily steps.

    Parameters
    ----------
    body_mass_index : array_like
        Body mass index at the end of the step [kg m-2].
    previous_body_mass_index : array_like
        Body mass index at its start [kg m-2].
    sex : array_like
        1 for men, 0 for women [-].

    Returns
    -------
    numpy.ndarray
        Hazard over the step [-] (per day for daily steps).

    Examples
    --------
    A man whose BMI falls from 13.1 to 13.0 in a day: S = 0.5334 and 0.4980, λ = ln(0.5334/0.4980) = 0.0686:

    >>> round(float(starvation_bmi_hazard(13.0, 13.1, 1)), 4)
    0.0686
    """
    bmi = check_positive("body_mass_index", body_mass_index)
    prev = check_positive("previous_body_mass_index", previous_body_mass_index)
    s = check_in("sex", sex, (0, 1))
    falling = bmi < prev
    with np.errstate(invalid="ignore"):
        h = np.where(falling, _log_survival(np.maximum(prev, bmi), s) - _log_survival(bmi, s), 0.0)
    return np.minimum(np.where(np.isnan(h), np.inf, h), CERTAIN_DEATH_HAZARD)


def fat_exhaustion_hazard(fat_mass, body_mass):
    """Daily hazard of death or collapse as body fat runs out.

    Equation: ``λ = λ_c exp((f_c - F/W) / 0.005)`` with f_c = :data:`FAT_FRACTION_CRITICAL` = 0.02 and
    λ_c = :data:`CRITICAL_HAZARD` = 0.1 day-1: each 0.5 % of body fat above 2 % divides the hazard by e.

    Reference: Leiter LA, Marliss EB (1982) JAMA 248:2306 (death when nearly all fat is used; physiology.md §2.4 [M]).
    The constants are estimates.  Valid range: F/W 0–0.6.

    Parameters
    ----------
    fat_mass : array_like
        Fat mass [kg].
    body_mass : array_like
        Body mass [kg].

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Examples
    --------
    At 3 % body fat: 0.1 · exp(-2) = 0.0135 per day:

    >>> round(float(fat_exhaustion_hazard(1.8, 60.0)), 4)
    0.0135
    """
    f = check_nonnegative("fat_mass", fat_mass)
    w = check_positive("body_mass", body_mass)
    return CRITICAL_HAZARD * np.exp((FAT_FRACTION_CRITICAL - f / w) / 0.005)


def lean_loss_hazard(lean_mass, baseline_lean_mass):
    """Daily hazard of death from loss of lean (protein) mass.

    Equation: ``λ = λ_c exp((1 - L/L0 - l_c) / 0.04)`` with l_c = :data:`LEAN_LOSS_CRITICAL` = 0.45 and λ_c = 0.1
    day-1: each 4 % of baseline lean mass still above the critical loss divides the hazard by e.

    Reference: Leiter & Marliss (1982) JAMA 248:2306 (death when about half the protein stores are used;
    physiology.md §2.4 [M]).  The constants are estimates.  Valid range: 0 <= L <= 1.2 L0.

    Parameters
    ----------
    lean_mass : array_like
        Lean mass [kg].
    baseline_lean_mass : array_like
        Lean mass before the journey [kg].

    Returns
    -------
    numpy.ndarray
        Hazard [day-1].

    Examples
    --------
    At the critical 45 % loss the hazard is 0.1 per day:

    >>> round(float(lean_loss_hazard(33.0, 60.0)), 4)
    0.1
    """
    lean = check_nonnegative("lean_mass", lean_mass)
    lean0 = check_positive("baseline_lean_mass", baseline_lean_mass)
    return CRITICAL_HAZARD * np.exp((1.0 - lean / lean0 - LEAN_LOSS_CRITICAL) / 0.04)
