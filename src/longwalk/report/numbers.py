"""Numbers as people read them: a fixed number of decimals and never a negative zero ("−0 m", "-0 °C").

Every place that prints a rounded number (the journal, the command line's progress and summaries) goes through
:func:`fixed`, so a value that rounds to zero reads "0" everywhere.
"""

from __future__ import annotations

import math

MINUS = "\u2212"
"""The typographic minus sign used in prose (the journal); terminals and data files keep ``-``."""


def fixed(value: float, decimals: int = 0, minus: str = "-", grouping: bool = False) -> str:
    """``value`` with ``decimals`` decimals; a value that rounds to zero has no sign.

    Parameters
    ----------
    value : float
        Any real number; nan and inf are written as Python writes them.
    decimals : int
        Digits after the decimal point [-].
    minus : str
        The minus sign: ``"-"`` for terminals and data, :data:`MINUS` for prose.
    grouping : bool
        Group thousands with commas ("1,234").

    Examples
    --------
    -0.4 rounds to 0 and -0.04 to 0.0, so neither has a sign; -2.6 rounds to -3:

    >>> fixed(-0.4), fixed(-0.04, 1), fixed(-2.6), fixed(-2.6, minus=MINUS), fixed(-1234.5, grouping=True)
    ('0', '0.0', '-3', '−3', '-1,234')
    """
    value = float(value)
    if math.isfinite(value) and round(value, decimals) == 0:
        value = 0.0  # round(-0.4) is -0.0, which formats as "-0"
    text = f"{value:{',' if grouping else ''}.{decimals}f}"
    return text.replace("-", minus) if minus != "-" else text
