"""The HTML report: one self-contained page (inline CSS and SVG charts, no script, no network).

Sections: totals; findings by rule, severity, glossary entry and section (chart and table each);
the trend over time when articles have dates; the most frequent wrong forms with their suggestions;
the articles sorted by findings, each finding linked to its place in "Findings in context", where
the sentence is shown with the wrong form marked. Every text from an article is HTML-escaped; a
Content-Security-Policy forbids loading anything, so the page opens the same offline.
"""
from __future__ import annotations

import html

from . import charts

WRONG_FORMS_SHOWN = 25
TABLE_ROWS = 30
CHIPS_PER_ARTICLE = 8

CSS = """
:root{--fg:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--error:#c62828;--warning:#ef6c00;--info:#1565c0}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
  color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:0 0 6px}
.muted{color:var(--muted)}
nav{margin:14px 0 0;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:14px}
a{color:#0b5cad;text-decoration:none}
a:hover{text-decoration:underline}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(124px,1fr));gap:12px;margin-top:20px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}
.card b{display:block;font-size:24px;font-variant-numeric:tabular-nums}
.card span{color:var(--muted);font-size:13px}
.pair{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;align-items:start}
@media (max-width:900px){.pair{grid-template-columns:1fr}}
figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px}
svg.chart{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px;font-size:14px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#eef1f5;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even){background:#fafbfc}
.sev{display:inline-block;min-width:58px;text-align:center;border-radius:4px;padding:0 6px;font-size:12px;
  font-weight:600;color:#fff}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
.chip{display:inline-block;margin:1px 4px 1px 0;padding:0 6px;border-radius:3px;background:#eef1f5;font-size:13px;
  border-left:3px solid var(--info)}
.chip.error{border-left-color:var(--error)}.chip.warning{border-left-color:var(--warning)}
#articles td:nth-child(-n+3){white-space:nowrap}
article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 16px;margin:0 0 14px}
article ol{margin:8px 0 0;padding-left:22px}
article li{margin:0 0 10px;padding:4px 6px;border-radius:6px}
li:target,article:target{outline:3px solid #ffca28}
.sentence{margin:4px 0 0;padding:6px 10px;background:#f8f9fb;border-left:3px solid var(--line);
  font-family:Georgia,serif}
mark{background:#ffe082;padding:0 2px;border-radius:2px}
.fix{color:#2e7d32;font-weight:600}
code{font-size:13px;background:#eef1f5;padding:0 4px;border-radius:3px}
footer{padding:30px 24px 40px;color:var(--muted);font-size:13px}
"""


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value) -> str:
    if value is None:
        return "–"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), limit: int | None = None) -> str:
    more = ""
    if limit is not None and len(rows) > limit:
        more = f'<p class="muted">{len(rows) - limit:,} more in the JSON report.</p>'
        rows = rows[:limit]
    head = "".join(f'<th{" class=n" if i in numeric else ""}>{h}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td{" class=n" if i in numeric else ""}>{c}</td>' for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def _pair(svg: str | None, table: str) -> str:
    if not svg:
        return table
    return f'<div class="pair"><figure>{svg}</figure><div>{table}</div></div>'


def _cards(t: dict, sev: dict) -> str:
    share = f"{100 * t['with_findings'] / t['checked']:.0f}% of checked" if t["checked"] else ""
    cards = [("articles", t["articles"], ""), ("checked", t["checked"], ""),
             ("findings", t["findings"], " · ".join(f"{sev[s]:,} {s}" for s in sev)),
             ("with findings", t["with_findings"], share),
             ("findings per article", t["findings_per_article"], ""),
             ("per 1,000 words", t["findings_per_1000_words"], ""),
             ("could not be checked", t["failed"], ""), ("skipped (language)", t["skipped"], "")]
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{_num(v)}</b><span>{esc(label)}{"<br>" + esc(note) if note else ""}</span></div>'
        for label, v, note in cards) + "</div>"


def _breakdowns(a: dict, svgs: dict) -> str:
    parts = []
    rules = [[f"<code>{esc(r['rule'])}</code>", _num(r["findings"]), _num(r["articles"])] for r in a["by_rule"]]
    parts.append(_section("by-rule", "Findings by rule",
                          _pair(svgs.get("rules"), _table(["rule", "findings", "articles"], rules, {1, 2}))))
    sev = [[f'<span class="sev {s}">{s}</span>', _num(n)] for s, n in a["by_severity"].items()]
    parts.append(_section("by-severity", "Findings by severity",
                          _pair(svgs.get("severity"), _table(["severity", "findings"], sev, {1}))))
    entries = [[f'{esc(e["canonical"] or e["entry"])} <span class="muted">{esc(e["entry"])}</span>'
                if e["entry"] else '<span class="muted">(no glossary entry)</span>',
                _num(e["findings"]), _num(e["articles"])] for e in a["by_entry"]]
    parts.append(_section("by-entry", "Findings by glossary entry",
                          _pair(svgs.get("entries"),
                                _table(["entry", "findings", "articles"], entries, {1, 2}, TABLE_ROWS))))
    sections = [[esc(s["section"]) if s["section"] else '<span class="muted">(no section)</span>',
                 _num(s["articles"]), _num(s["findings"]), _num(s["findings_per_article"])] for s in a["by_section"]]
    parts.append(_section("by-section", "Findings by section",
                          _pair(svgs.get("sections"), _table(["section", "articles", "findings", "per article"],
                                                             sections, {1, 2, 3}, TABLE_ROWS))))
    return "".join(parts)


def _trend(a: dict, svgs: dict) -> str:
    t = a["totals"]
    if not a["trend"]:
        return _section("trend", "Over time", '<p class="muted">No article has a date.</p>')
    note = f'<p class="muted">{t["dated"]:,} dated articles'
    note += f'; {t["undated"]:,} without a date are left out.</p>' if t["undated"] else ".</p>"
    return _section("trend", "Over time", f'<figure>{svgs["trend"]}</figure>{note}')


def _wrong_forms(a: dict, first_anchor: dict[str, str]) -> str:
    rows = []
    for f in a["wrong_forms"][:WRONG_FORMS_SHOWN]:
        text = esc(f["text"])
        if f["text"] in first_anchor:
            text = f'<a href="#{first_anchor[f["text"]]}">{text}</a>'
        fix = f'<span class="fix">{esc(", ".join(f["suggestions"]))}</span>' if f["suggestions"] else "–"
        rows.append([text, fix,
                     _num(f["findings"]), _num(f["articles"]), ", ".join(f"<code>{esc(r)}</code>" for r in f["rules"])])
    body = _table(["wrong form", "suggestion", "findings", "articles", "rule"], rows, {2, 3}) if rows else \
        '<p class="muted">No findings.</p>'
    return _section("wrong-forms", "Most frequent wrong forms", body)


def _articles(top: list[tuple[int, dict]], total_checked: int) -> str:
    rows = []
    for index, r in top:
        counts = {s: 0 for s in charts.COLORS}
        for f in r["findings"]:
            counts[f["severity"]] += 1
        name = esc(r["id"])
        if r["findings"]:
            name = f'<a href="#a{index}">{name}</a>'
        chips = "".join(f'<a class="chip {f["severity"]}" href="#a{index}-f{j}">{esc(f["text"])}</a>'
                        for j, f in enumerate(r["findings"][:CHIPS_PER_ARTICLE]))
        if len(r["findings"]) > CHIPS_PER_ARTICLE:
            chips += f'<a class="muted" href="#a{index}">+{len(r["findings"]) - CHIPS_PER_ARTICLE} more</a>'
        rows.append([name, esc(r.get("date") or "–"), esc(r.get("section") or "–"), _num(len(r["findings"])),
                     *(_num(counts[s]) for s in counts), chips])
    note = ""
    if total_checked > len(top):
        note = (f'<p class="muted">The {len(top):,} articles with most findings of {total_checked:,} checked; '
                "the JSON report lists them all.</p>")
    table = _table(["article", "date", "section", "findings", "error", "warning", "info", "wrong forms"], rows,
                   {3, 4, 5, 6})
    return _section("articles", "Articles by findings", note + table)


def _details(top: list[tuple[int, dict]]) -> str:
    parts = []
    for index, r in top:
        if not r["findings"]:
            continue
        meta = " · ".join(esc(x) for x in (r.get("date"), r.get("section")) if x)
        items = []
        for j, f in enumerate(r["findings"]):
            c = f["context"]
            s = c["sentence"]
            sentence = f'{esc(s[:c["start"]])}<mark>{esc(s[c["start"]:c["end"]])}</mark>{esc(s[c["end"]:])}'
            fix = f' → <span class="fix">{esc(f["suggestions"][0])}</span>' if f["suggestions"] else ""
            items.append(f'<li id="a{index}-f{j}"><span class="sev {f["severity"]}">{f["severity"]}</span> '
                         f'<code>{esc(f["rule"])}</code> {esc(f["message"])}{fix} '
                         f'<span class="muted">line {f["line"]}, column {f["column"]}</span>'
                         f'<div class="sentence">{sentence}</div></li>')
        parts.append(f'<article id="a{index}"><h3>{esc(r["id"])}</h3><div class="muted">{esc(r["path"])}'
                     f'{" · " + meta if meta else ""}</div><ol>{"".join(items)}</ol></article>')
    body = "".join(parts) or '<p class="muted">No findings.</p>'
    return _section("context", "Findings in context", body)


def _failures(failures: list[tuple[int, dict]], failed: int) -> str:
    if not failures:
        return ""
    rows = [[esc(r["id"]), esc(r["path"]), esc(r["error"])] for _, r in failures]
    note = f'<p class="muted">The first {len(failures):,} of {failed:,}.</p>' if failed > len(failures) else ""
    return _section("failed", "Articles that could not be checked", note + _table(["article", "source", "error"], rows))


def render(aggregates: dict, top: list[tuple[int, dict]], failures: list[tuple[int, dict]], info, title: str) -> str:
    a = aggregates
    t = a["totals"]
    svgs = charts.render(a)
    first_anchor: dict[str, str] = {}
    for index, r in top:
        for j, f in enumerate(r["findings"]):
            first_anchor.setdefault(f["text"], f"a{index}-f{j}")
    nav = [("by-rule", "rules"), ("by-severity", "severity"), ("by-entry", "glossary entries"),
           ("by-section", "sections"), ("trend", "over time"), ("wrong-forms", "wrong forms"),
           ("articles", "articles"), ("context", "findings in context")]
    if failures:
        nav.append(("failed", "could not be checked"))
    sources = ", ".join(info.glossary_sources) or "none"
    return "".join([
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        f"<title>Translation audit: {esc(title)}</title><style>{CSS}</style></head><body>",
        f'<header><h1>Translation audit: {esc(title)}</h1>',
        f'<div class="muted">{t["articles"]:,} articles · glossary of {info.glossary_entries:,} entries '
        f'({esc(sources)}) · transaudit {esc(info.tool_version)}</div>',
        "<nav>" + "".join(f'<a href="#{k}">{esc(v)}</a>' for k, v in nav) + "</nav>",
        _cards(t, a["by_severity"]), "</header><main>",
        _breakdowns(a, svgs), _trend(a, svgs), _wrong_forms(a, first_anchor),
        _articles(top, t["checked"]), _details(top), _failures(failures, t["failed"]),
        f'</main><footer>Glossary hash <code>{esc(info.glossary_hash)}</code>. Generated by transaudit '
        f'{esc(info.tool_version)}; findings follow CONTRACTS §3, the JSON report holds every article.</footer>',
        "</body></html>\n",
    ])
