"""Shared by the play tests: the short journey they play and its seed."""

SCENARIO = "walkers-haute-route"  # a week for three walkers: fast to play through
SEED = 3
