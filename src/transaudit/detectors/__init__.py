"""The detectors, in reporting order. Each module has RULE, CATEGORY, SEVERITY, OPTIONS, detect()."""
from . import calque, listed_variant

DETECTORS = (listed_variant, calque)
RULES = {d.RULE: d for d in DETECTORS}
