import re

from longwalk.glossary import GLOSSARY


def test_entries_are_well_formed():
    for name, q in GLOSSARY.items():
        assert name == q.name
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
        assert q.unit and q.description, name
