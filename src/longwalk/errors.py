"""Errors that speak to the user.

Every mistake a user can make (a bad scenario file, a coordinate in the sea, a corrupt raster) raises a
:class:`LongwalkError` subclass whose message names the file, the field and what would be valid.  The CLI
prints the message and exits with status 2; it never shows a traceback for a user mistake.
"""

from __future__ import annotations


class LongwalkError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message to show."""

    exit_code = 2


class InputError(LongwalkError, ValueError):
    """A value given on the command line or in a file is out of range or malformed."""


class ScenarioError(LongwalkError):
    """A scenario file cannot be read or does not validate."""


class DataError(LongwalkError):
    """A data file (DEM, climate table, raster) is missing, corrupt or unusable."""


class RoutingError(LongwalkError):
    """No route can be found: unreachable waypoint, waypoint in the sea, grid mismatch."""
