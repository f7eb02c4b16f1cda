"""Seeded benchmark data: glossaries of name-like entries and news-like English text.

    python benchmarks/generator.py OUT [--entries 100 1000 ...] [--sizes 100K 1M ...] [--seed 8]

Glossaries (`glossary-<N>.yaml`) are prefixes of one stream of entries, so the 1,000-entry
glossary holds the 100-entry one: people ("Ruslan Karimov", native {ru: Руслан Каримов}), places
(Velinsk), weapons (Zarya, with a missile code alias), multi-word organisations ("Velinsk
Institute for Energy Studies") and terms ("coastal missile system"). Every entry but
the organisations built from a template has a native Cyrillic form; people, places and weapons list
wrong spellings as `variants` (German, French, Romanian re-spellings), terms list calques
("coastal missile complex"), organisations list a swapped synonym ("... Energy Research").
Beside each glossary: `wrong-<N>.tsv` (wrong form, canonical form: the listed variants, which
is what the exact rules and the comparison tools look for) and `prh-<N>.yml` (the same pairs
as textlint-rule-prh rules).

Texts (`text-<size>/NNNN.md`) are ~5 KB Markdown articles (1 MiB = 192 articles) whose names come
from the first 10,000 entries (Zipf-distributed, so a few names recur, as in news). About one
name in sixteen is written wrong: a listed variant, a romanization the engine derives from the
native form (Romanian Caramov, German Karimow, ...), or a calque. `clean-<size>/` has the same kind
of articles with every name written right. Everything depends only on the seed.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ARTICLE_BYTES = 5461                    # 1 MiB / 192
SIZES = {"100K": 100 * 1024, "1M": 1024 ** 2, "10M": 10 * 1024 ** 2}
ENTRY_COUNTS = (100, 1_000, 10_000, 100_000)
TEXT_ENTRIES = 10_000                   # texts name entries of this prefix
WRONG_RATE = 1 / 16

# ---------------------------------------------------------------- Cyrillic names

_ONSETS = "б в г д ж з к л м н п р с т ф х ц ч ш щ бр гр др кр пр тр ст св".split()
_ONSET_WEIGHTS = [4, 5, 4, 5, 1, 3, 6, 6, 6, 6, 4, 6, 6, 6, 1, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
_VOWELS = "а о и е у я ы".split()
_VOWEL_WEIGHTS = [8, 7, 6, 5, 3, 1, 1]
_CODAS = ["", "", "", "н", "р", "л", "к", "м", "с", "т"]
_SURNAME_ENDINGS = ["ов", "ев", "ин", "енко", "ук", "ский", "ич", "ко", "ян"]
_PLACE_ENDINGS = ["ск", "град", "ово", "ка", "поль", "ин", "ец", "ань"]
_MALE_FIRST = ["Александр", "Алексей", "Андрей", "Антон", "Борис", "Вадим", "Василий", "Виктор",
               "Владимир", "Вячеслав", "Геннадий", "Григорий", "Денис", "Дмитрий", "Евгений",
               "Игорь", "Кирилл", "Константин", "Леонид", "Максим", "Михаил", "Никита", "Николай",
               "Олег", "Павел", "Пётр", "Роман", "Руслан", "Сергей", "Станислав", "Тимур", "Юрий"]
_FEMALE_FIRST = ["Анна", "Виктория", "Дарья", "Екатерина", "Елена", "Ирина", "Мария", "Наталья",
                 "Ольга", "Светлана", "Татьяна", "Юлия"]
# English press romanization (BGN/PCGN with the usual simplifications)
_EN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
       "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
       "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
       "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya"}
_EN_ENDINGS = (("ский", "sky"), ("ий", "y"), ("ый", "y"), ("ья", "ya"))

# Re-spellings a desk lists as known wrong forms (they are also what the languages produce).
_RESPELL = {
    "German": [("shch", "schtsch"), ("zh", "sch"), ("kh", "ch"), ("ch", "tsch"), ("sh", "sch"),
               ("ts", "z"), ("v", "w"), ("y", "j")],
    "French": [("shch", "chtch"), ("zh", "j"), ("ch", "tch"), ("sh", "ch"), ("u", "ou")],
    "Romanian": [("shch", "șci"), ("zh", "j"), ("kh", "h"), ("ch", "ci"), ("sh", "ș"), ("ts", "ț"),
                 ("y", "i")],
    "Polish": [("shch", "szcz"), ("zh", "ż"), ("kh", "ch"), ("ch", "cz"), ("sh", "sz"), ("ts", "c"),
               ("v", "w")],
}


def romanize_en(cyrillic: str) -> str:
    """Press romanization of a Cyrillic name (ye- at word start and after vowels)."""
    out = []
    for word in cyrillic.split(" "):
        low = word.lower()
        tail = ""
        for ending, latin in _EN_ENDINGS:
            if low.endswith(ending) and len(low) > len(ending) + 1:
                low, tail = low[: -len(ending)], latin
                break
        latin = []
        for i, c in enumerate(low):
            if c == "е" and (i == 0 or low[i - 1] in "аеёиоуыэюяьъ"):
                latin.append("ye")
            else:
                latin.append(_EN.get(c, c))
        w = "".join(latin) + tail
        out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def respell(latin: str, language: str) -> str:
    # one left-to-right pass so a replacement is never replaced again (ch -> tsch, not tssch)
    rules = _RESPELL[language]
    pattern = re.compile("|".join(re.escape(a) for a, _ in rules), re.I)
    table = dict(rules)

    def swap(m: re.Match) -> str:
        new = table[m.group().lower()]
        return new[:1].upper() + new[1:] if m.group()[0].isupper() else new

    return pattern.sub(swap, latin)


# ---------------------------------------------------------------- English vocabulary

_FIELDS = ["Energy", "Defence", "Security", "Economic", "Nuclear", "Maritime", "Agrarian", "Digital",
           "Migration", "Transport", "Border", "Regional", "Climate", "Water", "Health", "Space",
           "Cyber", "Trade", "Labour", "Media", "Arctic", "Black Sea", "Eurasian", "Strategic"]
_ORG_TEMPLATES = [
    ("{place} Institute for {field} Studies", ("Studies", "Research")),
    ("{place} Centre for {field} Policy", ("Centre", "Center")),
    ("{place} {field} Council", ("Council", "Board")),
    ("{place} Foundation for {field} Research", ("Foundation", "Endowment")),
    ("{place} {field} Agency", ("Agency", "Service")),
    ("{surname} {field} Group", ("Group", "Holding")),
]
_TERM_MODIFIERS = ["coastal", "mobile", "tactical", "long-range", "short-range", "heavy", "light",
                   "naval", "airborne", "armoured", "self-propelled", "portable", "strategic",
                   "mountain", "river", "northern", "southern", "frontline", "reserve", "border",
                   "rapid", "night", "winter", "urban", "forward", "joint", "territorial", "special",
                   "combined", "guided", "unmanned", "automatic", "auxiliary", "emergency", "field"]
_TERM_NOUNS = ["missile", "rocket", "radar", "drone", "artillery", "air defense", "engineering",
               "reconnaissance", "communications", "logistics", "transport", "assault", "patrol",
               "training", "repair", "medical", "mine", "landing", "escort", "supply"]
# head word -> calques a literal translation puts in its place
_TERM_HEADS = {"system": "complex", "equipment": "technique", "unit": "subdivision",
               "forces": "structures", "battalion": "division", "vehicle": "machine",
               "launcher": "installation", "troops": "formations", "brigade": "detachment",
               "service": "servicing"}
_WEAPON_CODES = "Kh R S BM TOS Tor Buk 2S 9K P".split()

# ---------------------------------------------------------------- sentences

_SENTENCES = [
    "{person} said on {weekday} that the situation near {place} remained difficult.",
    "According to {org}, the {term} was moved closer to {place} last {month}.",
    "{surname} told reporters that talks with {org} would resume after the holidays.",
    "Officials in {place} reported that a {weapon} had been used against civilian infrastructure.",
    "The {term} deployed near {place} was damaged, {surname} said in a statement.",
    "{person}, who heads {org}, declined to comment on the reports.",
    "Analysts at {org} said the {weapon} could reach targets far beyond {place}.",
    "Residents of {place} said they heard several explosions shortly after midnight.",
    "In an interview, {person} accused {org} of spreading false information.",
    "{surname}'s office said the {term} had been put on high alert.",
    "A spokesman for {org} said {count} people were evacuated from {place}.",
    "The {weapon} was first shown in public during a parade in {place} in {year}.",
    "{person} arrived in {place} on {weekday} for talks on energy supplies.",
    "Satellite images reviewed by {org} show a new {term} west of {place}.",
    "{surname} said the {weapon} had failed to intercept the incoming drones.",
    "The governor of {place}, {person}, ordered schools to close for {count} days.",
    "Experts said the {term} near {place} was probably a decoy.",
    "{org} published a report on the use of the {weapon} in {year}.",
]
_FILLER = [
    "The claims could not be independently verified.",
    "Prices for food and fuel have risen sharply since the start of the year.",
    "The ministry did not respond to a request for comment.",
    "Power was restored to most homes by the evening, the local utility said.",
    "Several buildings were damaged and at least one person was injured.",
    "The meeting was held behind closed doors and no statement was issued afterwards.",
    "Aid groups warned that the number of people in need of help was growing.",
    "The talks are expected to continue next week in a neutral country.",
    "Traffic on the main road was halted for several hours while crews cleared the debris.",
    "Local media published videos that appeared to show smoke rising over the city.",
    "The government has promised to rebuild the damaged bridge before the winter.",
    "Turnout in the regional election was lower than in previous years.",
]
_HEADLINES = [
    "{surname} warns of new strikes near {place}",
    "{org} says {term} moved to the front",
    "Explosions reported in {place} overnight",
    "{person} meets officials in {place}",
]
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()


# ---------------------------------------------------------------- glossary


def _key(form: str) -> str:
    """The engine's matching key: two forms with one key would be one surface form."""
    from transaudit.normalize import key

    return key(form)


class Names:
    """Unique Cyrillic stems with their English forms; every surface key is claimed once."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.claimed: set[str] = set()

    def stem(self, syllables: int) -> str:
        parts = []
        for _ in range(syllables):
            parts.append(self.rng.choices(_ONSETS, _ONSET_WEIGHTS)[0] + self.rng.choices(_VOWELS, _VOWEL_WEIGHTS)[0])
        return "".join(parts).replace("ыы", "ы") + self.rng.choice(_CODAS)

    def claim(self, *forms: str) -> bool:
        keys = [_key(f) for f in forms]
        if any(k in self.claimed for k in keys) or len(set(keys)) != len(keys):
            return False
        self.claimed.update(keys)
        return True

    def new(self, endings, syllables=(1, 2)) -> tuple[str, str]:
        while True:
            cyr = self.stem(self.rng.choice(syllables)) + self.rng.choice(endings)
            cyr = cyr[0].upper() + cyr[1:]
            latin = romanize_en(cyr)
            if len(latin) >= 5 and _key(latin) not in self.claimed:
                return cyr, latin


def _variants(names: Names, latin: str, count: int, rng: random.Random) -> list[str]:
    out = []
    for language in rng.sample(sorted(_RESPELL), len(_RESPELL)):
        v = respell(latin, language)
        if _key(v) != _key(latin) and _key(v) not in names.claimed and v not in out:
            out.append(v)
            names.claimed.add(_key(v))
        if len(out) == count:
            break
    return out


def _person(names: Names, rng: random.Random) -> dict:
    while True:
        female = rng.random() < 0.25
        first = rng.choice(_FEMALE_FIRST if female else _MALE_FIRST)
        cyr, surname = names.new(_SURNAME_ENDINGS)
        if female and cyr.endswith(("ов", "ев", "ин")):
            cyr, surname = cyr + "а", surname + "a"
        canonical = f"{romanize_en(first)} {surname}"
        if names.claim(canonical, surname):
            break
    variants = [f"{romanize_en(first)} {v}" for v in _variants(names, surname, 2, rng)]
    return {"canonical": canonical, "kind": "person", "variants": variants, "native": {"ru": f"{first} {cyr}"}}


def _place(names: Names, rng: random.Random) -> dict:
    while True:
        cyr, latin = names.new(_PLACE_ENDINGS)
        if names.claim(latin):
            break
    return {"canonical": latin, "kind": "place", "variants": _variants(names, latin, 1, rng), "native": {"ru": cyr}}


def _weapon(names: Names, rng: random.Random) -> dict:
    while True:
        cyr, latin = names.new(["а", "ь", "ок", "ец", "ар"], syllables=(2,))
        code = f"{rng.choice(_WEAPON_CODES)}-{rng.randint(10, 999)}"
        if names.claim(latin, f"{code} {latin}"):
            break
    return {"canonical": latin, "kind": "weapon", "aliases": [f"{code} {latin}"],
            "variants": _variants(names, latin, 1, rng), "native": {"ru": cyr}}


def _organization(names: Names, rng: random.Random, places: list[str], surnames: list[str]) -> dict:
    while True:
        template, (word, swap) = rng.choice(_ORG_TEMPLATES)
        canonical = template.format(place=rng.choice(places), surname=rng.choice(surnames),
                                    field=rng.choice(_FIELDS))
        variant = canonical.replace(word, swap)
        if names.claim(canonical, variant):
            return {"canonical": canonical, "kind": "organization", "variants": [variant]}


def _term(names: Names, rng: random.Random) -> dict:
    while True:
        head = rng.choice(sorted(_TERM_HEADS))
        words = [rng.choice(_TERM_MODIFIERS), rng.choice(_TERM_NOUNS), head]
        if rng.random() < 0.5:
            words.insert(0, rng.choice(_TERM_MODIFIERS))
            if words[0] == words[1]:
                continue
        canonical = " ".join(words)
        calque = " ".join(words[:-1] + [_TERM_HEADS[head]])
        if names.claim(canonical, calque):
            return {"canonical": canonical, "kind": "term", "variants": [calque]}


KIND_WEIGHTS = {"person": 45, "place": 20, "organization": 15, "term": 12, "weapon": 8}


def entries(count: int, seed: int) -> list[dict]:
    """The first `count` entries of the seeded stream (any prefix has the same mix of kinds)."""
    rng = random.Random(seed)
    names = Names(rng)
    out: list[dict] = []
    places: list[str] = []
    surnames: list[str] = []
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    while len(out) < count:
        kind = rng.choices(kinds, weights)[0]
        if kind == "organization" and (len(places) < 3 or len(surnames) < 3):
            kind = "place"
        if kind == "person":
            e = _person(names, rng)
            surnames.append(e["canonical"].split()[-1])
        elif kind == "place":
            e = _place(names, rng)
            places.append(e["canonical"])
        elif kind == "weapon":
            e = _weapon(names, rng)
        elif kind == "organization":
            e = _organization(names, rng, places, surnames)
        else:
            e = _term(names, rng)
        e["id"] = f"e{len(out) + 1:06d}"
        out.append(e)
    return out


def _yaml_list(items) -> str:
    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"


def glossary_yaml(items: list[dict], name: str) -> str:
    lines = ["version: 1", f"name: {name}", "entries:"]
    for e in items:
        lines.append(f"  - id: {e['id']}")
        lines.append(f"    canonical: {json.dumps(e['canonical'], ensure_ascii=False)}")
        lines.append(f"    kind: {e['kind']}")
        if e.get("aliases"):
            lines.append(f"    aliases: {_yaml_list(e['aliases'])}")
        if e.get("variants"):
            lines.append(f"    variants: {_yaml_list(e['variants'])}")
        if e.get("native"):
            native = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in e["native"].items())
            lines.append(f"    native: {{{native}}}")
    return "\n".join(lines) + "\n"


def wrong_pairs(items: list[dict]) -> list[tuple[str, str]]:
    """(wrong form, canonical) for every listed variant."""
    out = []
    for e in items:
        for v in e.get("variants", ()):
            right = e["canonical"]
            if e["kind"] == "person" and len(v.split()) < len(right.split()):
                right = right.split()[-1]
            out.append((v, right))
    return out


def prh_yaml(pairs) -> str:
    lines = ["version: 1", "rules:"]
    for wrong, right in pairs:
        lines.append(f"  - expected: {json.dumps(right, ensure_ascii=False)}")
        lines.append(f"    patterns: [{json.dumps(wrong, ensure_ascii=False)}]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- text


@lru_cache(maxsize=None)
def _derived(native: str) -> tuple[str, ...]:
    """Non-English romanizations of a native form (what the romanization rule derives)."""
    from transaudit.romanize import romanizations

    forms = set()
    for system, found in romanizations(native, "ru").items():
        if not system.startswith("en"):
            forms.update(f for f in found if f.isascii() or system in ("ro", "pl", "cs"))
    return tuple(sorted(forms))


class Writer:
    def __init__(self, items: list[dict], rng: random.Random, wrong_rate: float):
        self.rng = rng
        self.wrong_rate = wrong_rate
        self.by_kind: dict[str, list[dict]] = {}
        for e in items:
            self.by_kind.setdefault(e["kind"], []).append(e)
        self.weights = {k: [1 / (i + 1) for i in range(len(v))] for k, v in self.by_kind.items()}
        self.artifacts = 0

    def pick(self, kind: str) -> dict:
        return self.rng.choices(self.by_kind[kind], self.weights[kind])[0]

    def form(self, kind: str, short: bool = False) -> str:
        e = self.pick(kind)
        right = e["canonical"].split()[-1] if short else e["canonical"]
        if self.rng.random() >= self.wrong_rate:
            return right
        self.artifacts += 1
        choices = [v for v in e.get("variants", ()) if short == (len(v.split()) == 1) or kind != "person"]
        if e.get("native") and self.rng.random() < 0.5:
            derived = _derived(e["native"]["ru"])
            if short:
                derived = tuple(sorted({d.split()[-1] for d in derived}))
            derived = tuple(d for d in derived if d.lower() != right.lower())
            if derived:
                return self.rng.choice(derived)
        if choices:
            return self.rng.choice(choices)
        if short and e.get("variants"):
            return e["variants"][0].split()[-1]
        return right

    def fill(self, template: str) -> str:
        slots = {
            "person": lambda: self.form("person"), "surname": lambda: self.form("person", short=True),
            "place": lambda: self.form("place"), "org": lambda: "the " + self.form("organization"),
            "term": lambda: self.form("term"), "weapon": lambda: self.form("weapon"),
            "weekday": lambda: self.rng.choice(_WEEKDAYS), "month": lambda: self.rng.choice(_MONTHS),
            "count": lambda: str(self.rng.randint(2, 900)), "year": lambda: str(self.rng.randint(1995, 2024)),
        }
        text = re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)](), template)
        return text[:1].upper() + text[1:]

    def article(self, size: int = ARTICLE_BYTES) -> str:
        parts = ["# " + self.fill(self.rng.choice(_HEADLINES)), ""]
        used = len(parts[0].encode()) + 2
        while used < size:
            sentences = []
            for _ in range(self.rng.randint(3, 5)):
                pool = _SENTENCES if self.rng.random() < 0.7 else _FILLER
                sentences.append(self.fill(self.rng.choice(pool)))
            paragraph = " ".join(sentences)
            room = size - used
            if len(paragraph.encode()) + 2 > room:
                while sentences and len(" ".join(sentences).encode()) + 2 > room:
                    sentences.pop()
                if not sentences:
                    break
                paragraph = " ".join(sentences)
            parts += [paragraph, ""]
            used += len(paragraph.encode()) + 2
        return "\n".join(parts)


def write_texts(out: Path, name: str, total: int, items: list[dict], seed: int, wrong_rate: float) -> dict:
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:{name}")
    writer = Writer(items, rng, wrong_rate)
    count = max(1, round(total / ARTICLE_BYTES))
    written = 0
    for i in range(count):
        text = writer.article()
        (folder / f"{i:05d}.md").write_text(text, encoding="utf-8")
        written += len(text.encode())
    return {"files": count, "bytes": written, "artifacts": writer.artifacts}


def generate(out: Path, counts=ENTRY_COUNTS, sizes=tuple(SIZES), clean=("1M",), seed: int = 8) -> dict:
    """Write every glossary and text set under `out`; returns the manifest (also written)."""
    out.mkdir(parents=True, exist_ok=True)
    stream = entries(max(max(counts), TEXT_ENTRIES), seed)
    manifest = {"seed": seed, "glossaries": {}, "texts": {}}
    for n in counts:
        items = stream[:n]
        (out / f"glossary-{n}.yaml").write_text(glossary_yaml(items, f"bench-{n}"), encoding="utf-8")
        pairs = wrong_pairs(items)
        (out / f"wrong-{n}.tsv").write_text("".join(f"{w}\t{r}\n" for w, r in pairs), encoding="utf-8")
        (out / f"prh-{n}.yml").write_text(prh_yaml(pairs), encoding="utf-8")
        manifest["glossaries"][str(n)] = {"entries": n, "wrong_forms": len(pairs)}
    text_items = stream[:TEXT_ENTRIES]
    for size in sizes:
        manifest["texts"][f"text-{size}"] = write_texts(out, f"text-{size}", SIZES[size], text_items, seed, WRONG_RATE)
    for size in clean:
        manifest["texts"][f"clean-{size}"] = write_texts(out, f"clean-{size}", SIZES[size], text_items, seed, 0.0)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--entries", type=int, nargs="+", default=list(ENTRY_COUNTS))
    p.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    p.add_argument("--clean", nargs="*", default=["1M"], choices=list(SIZES))
    p.add_argument("--seed", type=int, default=8)
    args = p.parse_args(argv)
    manifest = generate(args.out, args.entries, args.sizes, args.clean, args.seed)
    json.dump(manifest, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
