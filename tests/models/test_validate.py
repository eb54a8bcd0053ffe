import warnings

import numpy as np
import pytest

from longwalk.models import ModelRangeWarning
from longwalk.models._validate import (
    check_finite,
    check_fraction,
    check_in,
    check_nonnegative,
    check_positive,
    check_temperature,
    warn_outside,
)


def test_model_range_warning_is_a_user_warning_exported_from_models():
    assert issubclass(ModelRangeWarning, UserWarning)


@pytest.mark.parametrize(
    ("check", "bad"),
    [
        (check_finite, np.nan),
        (check_finite, np.inf),
        (check_nonnegative, -1e-9),
        (check_positive, 0.0),
        (check_fraction, 1.01),
        (check_temperature, -273.16),
        (check_temperature, np.nan),
    ],
)
def test_bad_values_raise_value_error_naming_the_parameter(check, bad):
    with pytest.raises(ValueError, match="my_param"):
        check("my_param", [1.0, bad, 2.0])
    with pytest.raises(ValueError, match="my_param"):
        check("my_param", bad)


def test_absolute_zero_itself_is_accepted_and_message_mentions_it():
    assert check_temperature("t", -273.15) == -273.15
    with pytest.raises(ValueError, match="absolute zero"):
        check_temperature("air_temperature", -300.0)


def test_good_values_come_back_as_float_arrays_of_the_same_shape():
    out = check_positive("x", np.ones((2, 3), dtype=int))
    assert out.dtype == np.float64 and out.shape == (2, 3)


def test_non_numeric_input_names_the_parameter():
    with pytest.raises(ValueError, match="body_mass"):
        check_positive("body_mass", "heavy")


def test_check_in_rejects_other_codes():
    with pytest.raises(ValueError, match="sex"):
        check_in("sex", [0, 1, 2], (0, 1))


def test_warn_outside_warns_only_outside():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warn_outside("v", [0.0, 1.0, 2.0], 0.0, 2.0, "M")
        warn_outside("v", np.nan, 0.0, 2.0, "M")
    with pytest.warns(ModelRangeWarning, match=r"v = 2\.5 .*\[0, 2\] of Some model"):
        warn_outside("v", [1.0, 2.5], 0.0, 2.0, "Some model")
    with pytest.warns(ModelRangeWarning, match=r"\[-inf, 3\]"):
        warn_outside("v", 4.0, None, 3.0, "M")


def test_public_parameter_names_are_in_the_glossary():
    import inspect

    from longwalk.glossary import GLOSSARY
    from longwalk.models import altitude, energy, walking

    missing = []
    for module in (walking, energy, altitude):
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or fn.__module__ != module.__name__:
                continue
            missing += [f"{module.__name__}.{name}({p})" for p in inspect.signature(fn).parameters if p not in GLOSSARY]
    assert not missing, missing


def test_no_range_warnings_skips_the_scan_but_not_the_checks():
    import warnings as _w

    from longwalk.models._validate import check_positive, no_range_warnings, warn_outside

    with _w.catch_warnings(record=True) as caught, no_range_warnings():
        _w.simplefilter("always")
        warn_outside("walking_speed", 3.0, 0.0, 2.0, "LCDA (Looney 2019)")
        with pytest.raises(ValueError, match="body_mass"):
            check_positive("body_mass", -1.0)
    assert caught == []
    with pytest.warns(ModelRangeWarning):  # and back on afterwards
        warn_outside("walking_speed", 3.0, 0.0, 2.0, "LCDA (Looney 2019)")
