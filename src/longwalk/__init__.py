"""longwalk — simulate long journeys on foot: real terrain, real climate, real bodies.

Layers (each imports only the ones above it), as in ``docs/architecture.md``::

    scenario   TOML files, validated; built-in scenarios ship inside the package
    models     pure, vectorised model functions (walking, energy, water, thermal, altitude, hazards)
    atlas      grid, data sources, climate, daily weather
    routing    cost surfaces, least-cost search, paths
    engine     journey state, daily phases, policy, events, journal records
    ensemble   Monte Carlo driver
    report     journal text, HTML, plots, exports
    cli        the command-line front end
"""

__version__ = "0.1.0"
