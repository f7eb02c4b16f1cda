"""The detectors, in reporting order. Each module has RULE, CATEGORY, SEVERITY, OPTIONS, detect()."""
from . import calque, fuzzy_name, inconsistency, institution, listed_variant, mixed_script, romanization, untranslated

DETECTORS = (listed_variant, romanization, institution, calque, fuzzy_name, untranslated, mixed_script, inconsistency)
RULES = {d.RULE: d for d in DETECTORS}
