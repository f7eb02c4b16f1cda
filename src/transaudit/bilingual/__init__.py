"""Bilingual checks: a translation against its source (`compare`), reference scores (`score`).

Modules: align (sentences and Gale-Church alignment), quantities (numbers read per language),
term_mismatch, number_mismatch, untranslated (the checks), compare (running them over an aligned
pair), scores (sacrebleu), cli (the subcommands).
"""
from __future__ import annotations


def rules() -> dict[str, tuple[str, str, str]]:
    """The bilingual rules for the rule catalogue: id -> (documentation, severity, category).
    (`untranslated` shares its id with the lint detector.)"""
    from . import number_mismatch, term_mismatch, untranslated

    return {m.RULE: (m.__doc__ or "", m.SEVERITY.value, m.CATEGORY)
            for m in (term_mismatch, number_mismatch, untranslated)}
