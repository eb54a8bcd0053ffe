"""analysis layer (see docs/architecture.md): questions asked of many ensembles.

``check_itinerary`` (``longwalk check``) weighs a claimed journey leg by leg; :mod:`longwalk.analysis.whatif`
(``longwalk whatif``) ranks the uncertain inputs of :mod:`longwalk.analysis.uncertain` by how much they decide an
outcome and searches for the fewest changes that make it likely.
"""
