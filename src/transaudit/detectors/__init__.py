"""The detectors, in reporting order. Each module has RULE, CATEGORY, SEVERITY, OPTIONS, detect()."""
from . import calque, fuzzy_name, institution, listed_variant, romanization

DETECTORS = (listed_variant, romanization, institution, calque, fuzzy_name)
RULES = {d.RULE: d for d in DETECTORS}
