"""Regenerate the English systems (en-*.yaml) of transaudit's transliteration data.

The Russian tables come from the schemas shipped with the `iuliia` package
(https://github.com/nalgeon/iuliia: bgn_pcgn, ala_lc, scientific, wikipedia), converted
into transaudit's rule format (see README.md) and then patched where English practice
needs alternatives.  Tables for the other source languages are written by hand below.

    /work/venv/bin/python src/transaudit/data/translit/_generate_en.py

At run time transaudit reads only the generated YAML; iuliia is not needed there.
Edit this script, not the generated files.
"""
from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

import iuliia
import yaml

HERE = Path(__file__).resolve().parent
SCHEMAS = Path(iuliia.__file__).resolve().parent / "schemas"
SECTIONS = ("letters", "initial", "endings", "after", "before", "between_vowels", "after_vowel", "exonyms")

KMU_2010 = """
letters: {а: a, б: b, в: v, г: h, ґ: g, д: d, е: e, є: ie, ж: zh, з: z, и: y, і: i, ї: i,
          й: i, к: k, л: l, м: m, н: n, о: o, п: p, р: r, с: s, т: t, у: u, ф: f, х: kh,
          ц: ts, ч: ch, ш: sh, щ: shch, ь: "", ю: iu, я: ia, зг: zgh, "'": "", ’: "", ʼ: ""}
initial: {є: ye, ї: yi, й: y, ю: yu, я: ya}
"""
BGN_BE = """
letters: {а: a, б: b, в: v, г: h, д: d, е: e, ё: ë, ж: zh, з: z, і: i, й: y, к: k, л: l,
          м: m, н: n, о: o, п: p, р: r, с: s, т: t, у: u, ў: w, ф: f, х: kh, ц: ts, ч: ch,
          ш: sh, ы: y, ь: ’, э: e, ю: yu, я: ya, "'": ”, ’: ”, ʼ: ”}
initial: {е: ye, ё: yo}
after_vowel: {е: ye, ё: yo}
after: {е: {йў: ye}, ё: {йў: yo}}
"""
STREAMLINED_BG = """
letters: {а: a, б: b, в: v, г: g, д: d, е: e, ж: zh, з: z, и: i, й: y, к: k, л: l, м: m,
          н: n, о: o, п: p, р: r, с: s, т: t, у: u, ф: f, х: h, ц: ts, ч: ch, ш: sh,
          щ: sht, ъ: a, ь: y, ю: yu, я: ya}
endings: {ия: ia}
"""
ELOT_743 = """
letters: {α: a, β: v, γ: g, δ: d, ε: e, ζ: z, η: i, θ: th, ι: i, κ: k, λ: l, μ: m, ν: n,
          ξ: x, ο: o, π: p, ρ: r, σ: s, ς: s, τ: t, υ: y, φ: f, χ: ch, ψ: ps, ω: o, ϊ: i,
          ϋ: y, αι: ai, ει: ei, οι: oi, υι: yi, ου: ou, αυ: av, ευ: ev, ηυ: iv, γγ: ng,
          γκ: gk, γξ: nx, γχ: nch, μπ: mp, ντ: nt}
initial: {γκ: [gk, g], μπ: [mp, b], ντ: [nt, d]}
before: {αυ: {θκξπστφχψς: af}, ευ: {θκξπστφχψς: ef}, ηυ: {θκξπστφχψς: if}}
endings: {αυ: af, ευ: ef, ηυ: if}
"""
GEORGIAN_NATIONAL = """
letters: {ა: a, ბ: b, გ: g, დ: d, ე: e, ვ: v, ზ: z, თ: t, ი: i, კ: k, ლ: l, მ: m, ნ: n, ო: o,
          პ: p, ჟ: zh, რ: r, ს: s, ტ: t, უ: u, ფ: p, ქ: k, ღ: gh, ყ: q, შ: sh, ჩ: ch, ც: ts,
          ძ: dz, წ: ts, ჭ: ch, ხ: kh, ჯ: j, ჰ: h}
"""
ARMENIAN_BGN = """
letters: {ա: a, բ: b, գ: g, դ: d, ե: e, զ: z, է: e, ը: y, թ: t’, ժ: zh, ի: i, լ: l, խ: kh,
          ծ: ts, կ: k, հ: h, ձ: dz, ղ: gh, ճ: ch, մ: m, յ: y, ն: n, շ: sh, ո: o, չ: ch’,
          պ: p, ջ: j, ռ: r, ս: s, վ: v, տ: t, ր: r, ց: ts’, ւ: w, փ: p’, ք: k’, օ: o, ֆ: f,
          ու: u, և: ev}
initial: {ե: ye, ո: vo, ու: u, և: yev}
after_vowel: {ե: ye, և: yev}
"""
ALA_LC_OTHER = {
    "uk": """
letters: {а: a, б: b, в: v, г: h, ґ: g, д: d, е: e, є: i͡e, ж: zh, з: z, и: y, і: i, ї: ï,
          й: ĭ, к: k, л: l, м: m, н: n, о: o, п: p, р: r, с: s, т: t, у: u, ф: f, х: kh,
          ц: t͡s, ч: ch, ш: sh, щ: shch, ь: ʹ, ю: i͡u, я: i͡a, "'": ʺ, ’: ʺ, ʼ: ʺ}
""",
    "be": """
letters: {а: a, б: b, в: v, г: h, ґ: g, д: d, е: e, ё: i͡o, ж: zh, з: z, і: i, й: ĭ, к: k,
          л: l, м: m, н: n, о: o, п: p, р: r, с: s, т: t, у: u, ў: ŭ, ф: f, х: kh, ц: t͡s,
          ч: ch, ш: sh, ы: y, ь: ʹ, э: ė, ю: i͡u, я: i͡a, "'": ʺ, ’: ʺ, ʼ: ʺ}
""",
    "bg": """
letters: {а: a, б: b, в: v, г: g, д: d, е: e, ж: zh, з: z, и: i, й: ĭ, к: k, л: l, м: m,
          н: n, о: o, п: p, р: r, с: s, т: t, у: u, ф: f, х: kh, ц: t͡s, ч: ch, ш: sh,
          щ: sht, ъ: ŭ, ь: ʹ, ю: i͡u, я: i͡a}
""",
    "sr": "base: hr/sr",
}
SCIENTIFIC_OTHER = {
    "uk": """
letters: {а: a, б: b, в: v, г: h, ґ: g, д: d, е: e, є: je, ж: ž, з: z, и: y, і: i, ї: ji,
          й: j, к: k, л: l, м: m, н: n, о: o, п: p, р: r, с: s, т: t, у: u, ф: f, х: x,
          ц: c, ч: č, ш: š, щ: šč, ь: ʹ, ю: ju, я: ja, "'": ʺ, ’: ʺ, ʼ: ʺ}
""",
    "be": """
letters: {а: a, б: b, в: v, г: h, ґ: g, д: d, е: e, ё: ë, ж: ž, з: z, і: i, й: j, к: k,
          л: l, м: m, н: n, о: o, п: p, р: r, с: s, т: t, у: u, ў: ŭ, ф: f, х: x, ц: c,
          ч: č, ш: š, ы: y, ь: ʹ, э: è, ю: ju, я: ja, "'": ʺ, ’: ʺ, ʼ: ʺ}
""",
    "bg": """
letters: {а: a, б: b, в: v, г: g, д: d, е: e, ж: ž, з: z, и: i, й: j, к: k, л: l, м: m,
          н: n, о: o, п: p, р: r, с: s, т: t, у: u, ф: f, х: x, ц: c, ч: č, ш: š, щ: št,
          ъ: ă, ь: ʹ, ю: ju, я: ja}
""",
    "sr": "base: hr/sr",
}
PRESS_RU_PATCH = """
letters: {ё: [yo, e], кс: [ks, x]}
initial: {е: [ye, e]}
after: {ё: {жчшщ: [e, o]}, й: {аеёоуыэюя: [i, y]}}
endings: {ий: [y, i, iy], ый: [y, iy], ия: [ia, iya]}
exonyms: {москва: Moscow, киев: [Kiev, Kyiv], харьков: [Kharkov, Kharkiv], одесса: Odesa,
          петербург: Petersburg}
"""
PRESS_OTHER = {
    "ka": "base: en-bgn/ka",
    "hy": """
base: en-bgn/hy
letters: {թ: t, չ: ch, ց: ts, փ: p, ք: k}
""",
    "uk": """
base: en-bgn/uk
endings: {ий: [y, yi], ій: [iy, ii, i], ія: [ia, iia]}
exonyms: {київ: [Kyiv, Kiev], одеса: [Odesa, Odessa]}
""",
    "be": """
base: en-bgn/be
letters: {ё: [yo, io], ў: [u, w], ь: "", я: [ia, ya], ю: [iu, yu], "'": "", ’: "", ʼ: ""}
initial: {я: ya, ю: yu}
after_vowel: {я: ya, ю: yu}
""",
    "bg": "base: en-bgn/bg",
    "sr": "base: hr/sr",
    "el": """
base: en-bgn/el
letters: {χ: [ch, h, kh], υ: [y, i], γκ: [gk, ng, nk], μπ: [mp, mb, b], ντ: [nt, nd]}
initial: {γκ: [g, gk], μπ: [b, mp], ντ: [d, nt]}
before: {γ: {εη: [g, y]}, γι: {αεοωου: [gi, yi, y]}}
exonyms: {αθηνα: Athens, θεσσαλονικη: [Thessaloniki, Salonika]}
""",
}

SYSTEMS = {
    "en-bgn": dict(
        name="English (BGN/PCGN)",
        source=("BGN/PCGN romanization systems: Russian (1947; rules from the iuliia schema "
                "bgn_pcgn), Ukrainian (2019 agreement = Ukrainian national system, KMU "
                "resolution no. 55 of 2010), Belarusian (1979), Bulgarian (2013 agreement = "
                "Bulgarian Streamlined System, 2009 law), Serbian (Serbian Latin alphabet), "
                "Greek (1996 agreement = ELOT 743), Georgian (2009 agreement = Georgian national "
                "system, 2002), Armenian (1981)."),
        iuliia="bgn_pcgn", patch="", variants={"’": "'", "”": '"'},
        other={"uk": KMU_2010, "be": BGN_BE, "bg": STREAMLINED_BG, "sr": "base: hr/sr", "el": ELOT_743,
               "ka": GEORGIAN_NATIONAL, "hy": ARMENIAN_BGN}),
    "en-alalc": dict(
        name="English (ALA-LC)",
        source=("ALA-LC Romanization Tables (Library of Congress): Russian (rules from the "
                "iuliia schema ala_lc), Ukrainian, Belarusian, Bulgarian, Serbian. The ASCII "
                "fallback is the common 'without diacritics' form (ts, iu, ia, i)."),
        iuliia="ala_lc", patch="", variants={"ʹ": "'", "ʺ": '"'}, other=ALA_LC_OTHER),
    "en-scholarly": dict(
        name="English (scholarly transliteration)",
        source=("International Scholarly System used by Slavists (rules for Russian from the "
                "iuliia schema scientific); Ukrainian, Belarusian and Bulgarian after the same "
                "system (x for х, ʹ for ь)."),
        iuliia="scientific", patch="", variants={"ʹ": "'", "ʺ": '"'}, other=SCIENTIFIC_OTHER),
    "en-press": dict(
        name="English (press usage)",
        source=("Common English news forms (AP/Reuters/BBC style): Russian from the iuliia "
                "schema wikipedia (Wikipedia's English romanization: Zelensky, Navalny, "
                "Yevgeny) with press alternatives (Sergei/Sergey, Shoigu, Gorbachev, Alexei); "
                "Ukrainian per KMU 2010 with -y endings (Zelensky); Belarusian with ў as u "
                "(Tsikhanouskaya); Greek per ELOT 743 with common press variants."),
        iuliia="wikipedia", patch=PRESS_RU_PATCH, variants={}, other=PRESS_OTHER),
}


def _group(pairs: dict[str, str]) -> dict[str, str]:
    """{'а': 'ye', 'е': 'ye', 'о': 'x'} -> {'ае': 'ye', 'о': 'x'} (neighbour classes by value)."""
    grouped: dict[str, str] = {}
    for neighbour, value in pairs.items():
        grouped[value] = grouped.get(value, "") + neighbour
    return {chars: value for value, chars in grouped.items()}


def from_iuliia(name: str) -> dict:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    fix = lambda v: v.replace("ё", "ë")  # iuliia writes BGN/ALA-LC's ë as Cyrillic ё
    table: dict = {"letters": {k: fix(v) for k, v in schema["mapping"].items()}}
    after: dict[str, dict[str, str]] = {}
    before: dict[str, dict[str, str]] = {}
    for key, value in (schema.get("prev_mapping") or {}).items():
        if len(key) == 1:
            table.setdefault("initial", {})[key] = fix(value)
        else:
            after.setdefault(key[1], {})[key[0]] = fix(value)
    for key, value in (schema.get("next_mapping") or {}).items():
        before.setdefault(key[0], {})[key[1]] = fix(value)
    if after:
        table["after"] = {unit: _group(p) for unit, p in after.items()}
    if before:
        table["before"] = {unit: _group(p) for unit, p in before.items()}
    if schema.get("ending_mapping"):
        table["endings"] = {k: fix(v) for k, v in schema["ending_mapping"].items()}
    return table


def patched(table: dict, patch: dict) -> dict:
    for section in SECTIONS:
        for unit, value in (patch.get(section) or {}).items():
            table.setdefault(section, {})[unit] = value
    return table


def build(system: str, spec: dict) -> dict:
    ru = patched(from_iuliia(spec["iuliia"]), yaml.safe_load(spec["patch"]) or {})
    data = {"system": system, "name": spec["name"], "source": spec["source"]}
    if spec["variants"]:
        data["variants"] = spec["variants"]
    data["from"] = {"ru": ru} | {lang: yaml.safe_load(text) for lang, text in spec["other"].items()}
    return data


def main() -> None:
    for system, spec in SYSTEMS.items():
        text = yaml.safe_dump(build(system, spec), allow_unicode=True, sort_keys=False,
                              default_flow_style=None, width=100)
        header = f"# Generated by _generate_en.py from iuliia {version('iuliia')}: do not edit by hand.\n"
        (HERE / f"{system}.yaml").write_text(header + text, encoding="utf-8")
        print(f"wrote {system}.yaml")


if __name__ == "__main__":
    main()
