"""Numbers, dates, times and amounts in one sentence, read with the conventions of its language.

"1.000,5" is 1000.5 in Romanian, German, French or Spanish and "1,000.5" in English (babel's
`parse_decimal` with the locale; a number that is malformed there is read the other way);
"1,5 milioane" and "1.5 million" are both 1500000 (scale words per language: the French
"billion" is 10^12, the English 10^9); "12,5%" is 12.5; "24.02.2022" gives 24, 2 and 2022, and
so does "February 24, 2022" (a month name counts only next to a number); "14:30" and "2:30 p.m."
are the same time. Spelled-out small numbers ("three", "trei", "drei") are kept apart as
*support*: they never make a mismatch, but they account for a digit on the other side.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

NUMBER, MONTH, TIME, DATE = "number", "month", "time", "date"
SPACES = " \u00a0\u202f\u2009"
CURRENCY = "$€£¥₽₴"

# scale words per language: word (lower case, no final dot) -> power of ten
SCALES = {
    "en": {"thousand": 3, "million": 6, "millions": 6, "mn": 6, "billion": 9, "billions": 9, "bn": 9,
           "trillion": 12, "trillions": 12, "tn": 12},
    "ro": {"mie": 3, "mii": 3, "milion": 6, "milioane": 6, "mil": 6, "miliard": 9, "miliarde": 9, "mld": 9,
           "trilion": 12, "trilioane": 12},
    "fr": {"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9, "md": 9, "mds": 9,
           "billion": 12, "billions": 12},
    "de": {"tausend": 3, "million": 6, "millionen": 6, "mio": 6, "milliarde": 9, "milliarden": 9, "mrd": 9,
           "billion": 12, "billionen": 12},
    "es": {"mil": 3, "millón": 6, "millones": 6, "mil millones": 9, "millardo": 9, "millardos": 9,
           "billón": 12, "billones": 12},
    "it": {"mila": 3, "mille": 3, "milione": 6, "milioni": 6, "mln": 6, "miliardo": 9, "miliardi": 9, "mld": 9},
    "pt": {"mil": 3, "milhão": 6, "milhões": 6, "mil milhões": 9, "bilhão": 9, "bilhões": 9},
    "ru": {"тысяча": 3, "тысячи": 3, "тысяч": 3, "тыс": 3, "миллион": 6, "миллиона": 6, "миллионов": 6,
           "млн": 6, "миллиард": 9, "миллиарда": 9, "миллиардов": 9, "млрд": 9, "триллион": 12,
           "триллиона": 12, "триллионов": 12, "трлн": 12},
    "uk": {"тисяча": 3, "тисячі": 3, "тисяч": 3, "тис": 3, "мільйон": 6, "мільйони": 6, "мільйона": 6,
           "мільйонів": 6, "млн": 6, "мільярд": 9, "мільярди": 9, "мільярда": 9, "мільярдів": 9, "млрд": 9},
}
# abbreviated scale words: their final dot belongs to them ("1,2 Mrd. Euro")
ABBREVIATED = frozenset({"mil", "mld", "mio", "mrd", "md", "mds", "mln", "mn", "bn", "tn", "тыс", "тис", "млн",
                         "млрд", "трлн"})
# scale words that count only after a currency sign ("$5m", not "100m")
CURRENCY_SCALES = {"en": {"m": 6}}
# spelled-out numbers (support only)
WORDS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve",
    "ro": "zero unu doi trei patru cinci șase șapte opt nouă zece unsprezece doisprezece",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "it": "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici",
    "pt": "zero um dois três quatro cinco seis sete oito nove dez onze doze",
    "ru": "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать",
    "uk": "нуль один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять",
}
EXTRA_WORDS = {
    "en": {"a": 1, "an": 1, "dozen": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100},
    "ro": {"un": 1, "una": 1, "o": 1, "două": 2, "douăsprezece": 12, "douăzeci": 20, "sută": 100, "sute": 100},
    "fr": {"une": 1, "vingt": 20, "trente": 30, "cinquante": 50, "cent": 100},
    "de": {"ein": 1, "eine": 1, "einen": 1, "zwanzig": 20, "dreißig": 30, "fünfzig": 50, "hundert": 100},
    "es": {"un": 1, "una": 1, "veinte": 20, "treinta": 30, "cincuenta": 50, "cien": 100},
    "it": {"un": 1, "una": 1, "venti": 20, "trenta": 30, "cinquanta": 50, "cento": 100},
    "pt": {"uma": 1, "duas": 2, "vinte": 20, "trinta": 30, "cinquenta": 50, "cem": 100},
    "ru": {"одна": 1, "одно": 1, "две": 2, "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4, "пяти": 5,
           "двадцать": 20, "тридцать": 30, "пятьдесят": 50, "сто": 100},
    "uk": {"одна": 1, "одне": 1, "дві": 2, "двох": 2, "трьох": 3, "двадцять": 20, "тридцять": 30, "сто": 100},
}
# words before a number that make "14.30" or "14 h" a time
TIME_WORDS = ("ora", "orele", "um", "à", "las", "в", "о")

_GROUPED = r"\d{1,3}(?:(?P<sep>[.,'’\u00a0\u202f\u2009 ])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
_NUMBER = re.compile(rf"(?<![\w.,])(?:{_GROUPED}|\d+(?:[.,]\d+)?)(?![\d])")
_DATE = re.compile(r"(?<![\w.,/-])(?:(?P<d1>\d{1,2})(?P<s>[./-])(?P<d2>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})"
                   r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?![\d])")
_CLOCK = re.compile(r"(?<![\w.:,])(?P<h>[01]?\d|2[0-3])(?::|h(?=\d))(?P<m>[0-5]\d)(?![\d])"
                    r"(?:\s?(?P<ampm>[ap])\.?m\b\.?)?")
_HOUR = re.compile(r"(?<![\w.:,])(?P<h>1[0-2]|0?[1-9])\s?(?P<ampm>[ap])\.?m\b\.?"
                   r"|(?<![\w.:,])(?P<h24>[01]?\d|2[0-3])(?:\.(?P<m>[0-5]\d))?\s?(?:Uhr|h)(?!\w)")
_DOTTED_TIME = re.compile(r"(?<![\w.,])(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)(?![\d])")
_PERCENT = re.compile(r"\s?%")
_GLUED = re.compile(r"[a-z]{1,2}(?!\w)")
_GAP = re.compile(r"[\s,.]*(?:(?:de|of|the)\s+)?[\s,]*", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int           # offsets into the text the sentence comes from
    end: int
    text: str
    kind: str            # number | month | time | date (one part of a numeric date)
    value: Decimal       # times: minutes after midnight modulo 12 hours
    scaled: bool = False     # written with a scale word ("1.5 million")
    percent: bool = False
    ampm: bool = False       # a time written with a.m./p.m.
    clock: int = 0           # a time's minutes after midnight (24-hour clock)
    localized: str | None = None  # the locale whose conventions it was read with, when not its own
    ambiguous: bool = False  # a day or month of a date such as 3/4/2022

    @property
    def keys(self) -> frozenset[tuple[str, Decimal]]:
        """What the quantity can stand for: equal keys on both sides cancel out."""
        if self.ambiguous:
            return frozenset({("n", self.value), ("month", self.value)})
        return frozenset({({TIME: "time", MONTH: "month"}.get(self.kind, "n"), self.value)})


def base_language(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=64)
def _symbols(lang: str) -> tuple[str, str] | None:
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        return get_group_symbol(lang), get_decimal_symbol(lang)
    except (UnknownLocaleError, ValueError):
        return None


def parse_number(token: str, lang: str) -> Decimal | None:
    """`token` read with the number conventions of `lang` (babel), or None when it is malformed
    there ("10.5" in Romanian, "2,5" in English)."""
    from babel.numbers import NumberFormatError, parse_decimal

    symbols = _symbols(lang)
    if symbols is None:
        return None
    text = token
    if any(c in SPACES for c in text):          # space grouping is the same in every language
        if symbols[0] not in SPACES and symbols[0] in text:
            return None
        text = "".join(c for c in text if c not in SPACES)
    try:
        return parse_decimal(text, locale=lang, strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


@lru_cache(maxsize=64)
def _scale_re(lang: str) -> re.Pattern:
    words = sorted(SCALES.get(lang, {}), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) or "(?!)"
    return re.compile(rf"\s?(?P<word>{alternation})(?!\w)(?P<dot>\.)?", re.I)


@lru_cache(maxsize=64)
def _months(lang: str) -> tuple[re.Pattern | None, dict[str, int]]:
    from babel import UnknownLocaleError
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    try:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=lang).items():
                    names.setdefault(name.rstrip(".").lower(), number)
    except (UnknownLocaleError, ValueError):
        return None, {}
    if lang == "en":
        names["sept"] = 9
    words = sorted((n for n in names if len(n) >= 3), key=len, reverse=True)
    flags = 0 if lang == "en" else re.I    # English: "May" the month, not "may" the verb
    alternation = "|".join(re.escape(w.capitalize() if lang == "en" else w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternation})\.?(?!\w)", flags), names


def _year(text: str) -> Decimal:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 50 else 1900
    return Decimal(y)


def _date_parts(m) -> list[tuple[str, Decimal, bool]]:
    """(kind, value, ambiguous) of a numeric date's day, month and year, in text order: d.m.y and
    d-m-y everywhere, ISO y-m-d, and d/m/y or m/d/y when one of them is over 12 (else either)."""
    if m.group("iy"):
        year, month, day = m.group("iy"), int(m.group("im")), int(m.group("id"))
        return [(DATE, _year(year), False), (MONTH, Decimal(month), False), (DATE, Decimal(day), False)] \
            if 1 <= month <= 12 else []
    a, b, year = int(m.group("d1")), int(m.group("d2")), _year(m.group("y"))
    if m.group("s") != "/" or a > 12:
        kinds = [(DATE, a, False), (MONTH, b, False)]
    elif b > 12:
        kinds = [(MONTH, a, False), (DATE, b, False)]
    else:
        kinds = [(DATE, a, True), (DATE, b, True)]
    if any(kind == MONTH and not 1 <= v <= 12 for kind, v, _ in kinds):
        return []
    return [(kind, Decimal(v), amb) for kind, v, amb in kinds] + [(DATE, year, False)]


def _time(start, end, text, hour: int, minute: int, ampm: str | None) -> Quantity:
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    clock = hour * 60 + minute
    return Quantity(start, end, text, TIME, Decimal(clock % 720), ampm=bool(ampm), clock=clock)


def _after_time_word(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start].split()
    return bool(before) and before[-1].lower() in TIME_WORDS


def _candidates(text: str, lang: str, own_locale: str, other_locale: str | None):
    """(priority, start, end, quantities) for every date, time and number pattern match; matches of
    different patterns overlap, `quantities()` keeps the first by priority."""
    for m in _DATE.finditer(text):
        parts = _date_parts(m)
        if parts:
            yield 0, m.start(), m.end(), [Quantity(m.start(), m.end(), m.group(), kind, value, ambiguous=amb)
                                          for kind, value, amb in parts]
    for m in _CLOCK.finditer(text):
        yield 1, m.start(), m.end(), [_time(m.start(), m.end(), m.group(), int(m.group("h")),
                                            int(m.group("m")), m.group("ampm"))]
    for m in _HOUR.finditer(text):
        if m.group().endswith("h") and not _after_time_word(text, m.start()):    # "12 h" may be hours
            continue
        hour = int(m.group("h") or m.group("h24"))
        yield 1, m.start(), m.end(), [_time(m.start(), m.end(), m.group(), hour, int(m.group("m") or 0),
                                            m.group("ampm"))]
    for m in _DOTTED_TIME.finditer(text):
        if _after_time_word(text, m.start()):
            yield 1, m.start(), m.end(), [_time(m.start(), m.end(), m.group(), int(m.group("h")),
                                                int(m.group("m")), None)]
    for m in _NUMBER.finditer(text):
        yield 2, m.start(), m.end(), [_number(text, m, lang, own_locale, other_locale)]


def _number(text: str, m, lang: str, own: str, other: str | None) -> Quantity:
    token = m.group()
    value, localized = parse_number(token, own), None
    if value is None and other:
        value = parse_number(token, other)
        localized = other if value is not None else None
    if value is None:
        value = Decimal("".join(c for c in token if c.isdigit()))
    end, power = m.end(), None
    scale = _scale_re(lang).match(text, end)
    if scale:
        word = " ".join(scale.group("word").lower().split())
        power = SCALES[lang][word]
        end = scale.end() if word in ABBREVIATED or not scale.group("dot") else scale.start("dot")
    elif m.start() and text[m.start() - 1] in CURRENCY:          # "$5m"
        glued = _GLUED.match(text, end)
        power = CURRENCY_SCALES.get(lang, {}).get(glued.group()) if glued else None
        end = glued.end() if power else end
    if power is not None:
        value = value.scaleb(power)
    percent = False
    pct = _PERCENT.match(text, end)
    if pct:
        end, percent = pct.end(), True
    return Quantity(m.start(), end, text[m.start():end], NUMBER, value, power is not None, percent,
                    localized=localized)


def _months_near(text: str, lang: str, taken: list[Quantity]) -> list[Quantity]:
    pattern, names = _months(lang)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if any(q.start < m.end() and m.start() < q.end for q in taken):
            continue
        near = any(_GAP.fullmatch(text[q.end:m.start()]) for q in taken if q.end <= m.start()) or \
            any(_GAP.fullmatch(text[m.end():q.start]) for q in taken if q.start >= m.end())
        if near:
            number = names[m.group().rstrip(".").lower()]
            out.append(Quantity(m.start(), m.end(), m.group(), MONTH, Decimal(number)))
    return out


def quantities(text: str, lang: str, other: str | None = None) -> list[Quantity]:
    """Every number, date part, month name and time written with digits in `text` (language
    `lang`; a number malformed there is read with the conventions of `other`), in text order.
    Offsets are into `text`."""
    lang = base_language(lang)
    chosen: list[tuple[int, int, list[Quantity]]] = []
    for priority, start, end, items in sorted(_candidates(text, lang, lang, other),
                                              key=lambda c: (c[0], c[1], -c[2])):
        if any(s < end and start < e for s, e, _ in chosen):
            continue
        chosen.append((start, end, items))
    found = [q for _, _, items in sorted(chosen, key=lambda c: c[0]) for q in items]
    found += _months_near(text, lang, found)
    return sorted(found, key=lambda q: (q.start, q.end))


@lru_cache(maxsize=64)
def _word_values(lang: str) -> dict[str, int]:
    out = {w: i for i, w in enumerate(WORDS.get(lang, "").split())}
    out.update(EXTRA_WORDS.get(lang, {}))
    return out


def spelled(text: str, lang: str) -> set[tuple[str, Decimal]]:
    """Keys of the numbers spelled out in `text` ("three", "a million", "două milioane")."""
    from ..language import WORD

    lang = base_language(lang)
    values, scales = _word_values(lang), SCALES.get(lang, {})
    words = [w.lower() for w in WORD.findall(text)]
    out = set()
    for i, w in enumerate(words):
        if w in values:
            value = Decimal(values[w])
            if i + 1 < len(words) and words[i + 1] in scales:
                value = value.scaleb(scales[words[i + 1]])
            out.add(("n", value))
        elif w in scales:
            out.add(("n", Decimal(1).scaleb(scales[w])))
    return out


def english(q: Quantity, value: Decimal | None = None, like: Quantity | None = None) -> str:
    """`value` (default: q's) written the English way, shaped like `like` (default: q)."""
    from babel.dates import get_month_names
    from babel.numbers import format_decimal

    value = q.value if value is None else value
    like = like or q
    if q.kind == MONTH and 1 <= value <= 12:
        return get_month_names("wide", locale="en")[int(value)]
    if q.kind == TIME:
        hours, minutes = divmod(q.clock, 60)
        if like.kind == TIME and like.ampm:
            half = "a.m." if hours < 12 else "p.m."
            return f"{hours % 12 or 12}{f':{minutes:02d}' if minutes else ''} {half}"
        return f"{hours}:{minutes:02d}"
    suffix = "%" if like.percent or q.percent else ""
    if (like.scaled or q.scaled) and abs(value) >= 10 ** 6:
        for power, word in ((12, "trillion"), (9, "billion"), (6, "million")):
            if abs(value) >= Decimal(10) ** power:
                return f"{format_decimal(value.scaleb(-power), locale='en')} {word}{suffix}"
    grouped = abs(value) >= 10000 or any(not c.isdigit() for c in _digits(q.text) + _digits(like.text))
    return format_decimal(value, locale="en", decimal_quantization=False, group_separator=grouped) + suffix


def _digits(text: str) -> str:
    """The number itself: from its first digit to its last."""
    m = re.search(r"\d(?:.*\d)?", text)
    return m.group() if m else ""
