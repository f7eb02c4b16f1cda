"""The audit's aggregates, and its JSON report.

`Aggregate` folds article records one at a time (memory grows with the number of distinct rules,
entries, sections, wrong forms and days, not with the archive), keeping the `max_articles` articles
with most findings for the HTML report. The JSON report is a CONTRACTS §3 findings document, one
`files` item per article (with its id, date, section, status and each finding's sentence in
`context`), streamed to a temporary file as records arrive, with `summary` and an `audit` block of
aggregates at the end; it replaces the target atomically when the audit completes.
"""
from __future__ import annotations

import heapq
import json
import os
from collections import Counter

from ..finding import Severity

SEVERITIES = tuple(s.value for s in Severity)
WRONG_FORMS = 200        # kept in the JSON report; the HTML shows the first ones
DAY_TREND_LIMIT = 92     # dates spanning more days than this are grouped by month


def _ratio(a: int, b: int, digits: int = 3) -> float | None:
    return round(a / b, digits) if b else None


class Aggregate:
    def __init__(self, canonical: dict[str, str], max_articles: int = 1000):
        self.canonical = canonical
        self.max_articles = max_articles
        self.totals: Counter = Counter()
        self.severity: Counter = Counter()
        self.rules: dict[str, Counter] = {}
        self.entries: dict[str | None, Counter] = {}
        self.sections: dict[str | None, Counter] = {}
        self.forms: dict[str, dict] = {}
        self.days: dict[str, Counter] = {}
        self.failures: list[tuple[int, dict]] = []
        self._top: list[tuple[int, int, int, dict]] = []

    def add(self, index: int, record: dict) -> None:
        status = record["status"]
        self.totals["articles"] += 1
        self.totals[status] += 1
        section = self.sections.setdefault(record.get("section"), Counter())
        section["articles"] += 1
        section[status] += 1
        if status == "failed" and len(self.failures) < self.max_articles:
            self.failures.append((index, record))
        if status != "checked":
            return
        findings = record["findings"]
        n = len(findings)
        for counter in (self.totals, section):
            counter["findings"] += n
            counter["words"] += record["words"]
            counter["with_findings"] += bool(n)
        for f in findings:
            self.severity[f["severity"]] += 1
            self.rules.setdefault(f["rule"], Counter())["findings"] += 1
            self.entries.setdefault(f["entry"], Counter())["findings"] += 1
            form = self.forms.setdefault(f["text"], {"findings": 0, "articles": 0, "suggestions": Counter(),
                                                      "rules": Counter(), "entries": Counter()})
            form["findings"] += 1
            form["suggestions"][f["suggestions"][0] if f["suggestions"] else None] += 1
            form["rules"][f["rule"]] += 1
            form["entries"][f["entry"]] += 1
        for rule in {f["rule"] for f in findings}:
            self.rules[rule]["articles"] += 1
        for entry in {f["entry"] for f in findings}:
            self.entries[entry]["articles"] += 1
        for text in {f["text"] for f in findings}:
            self.forms[text]["articles"] += 1
        if record.get("date"):
            day = self.days.setdefault(record["date"], Counter())
            day.update(articles=1, findings=n, with_findings=bool(n), words=record["words"])
        item = (n, -index, index, record)
        if len(self._top) < self.max_articles:
            heapq.heappush(self._top, item)
        elif item[:2] > self._top[0][:2]:
            heapq.heapreplace(self._top, item)

    def top(self) -> list[tuple[int, dict]]:
        """(input index, record) of the checked articles with most findings, most first, then in input order."""
        return [(index, record) for _, _, index, record in sorted(self._top, key=lambda t: (-t[0], t[2]))]

    # -------------------------------------------------------------- the aggregates

    def result(self) -> dict:
        t = self.totals
        checked = t["checked"]
        dated = sum(d["articles"] for d in self.days.values())
        totals = {"articles": t["articles"], "checked": checked, "failed": t["failed"], "skipped": t["skipped"],
                  "with_findings": t["with_findings"], "clean": checked - t["with_findings"],
                  "findings": t["findings"], "words": t["words"],
                  "findings_per_article": _ratio(t["findings"], checked),
                  "findings_per_1000_words": _ratio(1000 * t["findings"], t["words"]),
                  "dated": dated, "undated": checked - dated}
        return {
            "totals": totals,
            "by_severity": {s: self.severity[s] for s in SEVERITIES},
            "by_rule": [{"rule": r, "findings": c["findings"], "articles": c["articles"]}
                        for r, c in sorted(self.rules.items(), key=lambda kv: (-kv[1]["findings"], kv[0]))],
            "by_entry": [{"entry": e, "canonical": self.canonical.get(e) if e else None,
                          "findings": c["findings"], "articles": c["articles"]}
                         for e, c in sorted(self.entries.items(), key=lambda kv: (-kv[1]["findings"], kv[0] or "~"))],
            "by_section": [{"section": s, "articles": c["articles"], "checked": c["checked"], "failed": c["failed"],
                            "skipped": c["skipped"], "with_findings": c["with_findings"], "findings": c["findings"],
                            "findings_per_article": _ratio(c["findings"], c["checked"])}
                           for s, c in sorted(self.sections.items(),
                                              key=lambda kv: (-kv[1]["findings"], kv[0] is None, kv[0] or ""))],
            "wrong_forms": self._wrong_forms(),
            "trend": self._trend(),
        }

    def _wrong_forms(self) -> list[dict]:
        ranked = sorted(self.forms.items(), key=lambda kv: (-kv[1]["findings"], -kv[1]["articles"], kv[0]))
        out = []
        for text, form in ranked[:WRONG_FORMS]:
            suggestions = [s for s, _ in sorted(form["suggestions"].items(), key=lambda kv: (-kv[1], kv[0] or ""))
                           if s is not None]
            entry = sorted(form["entries"].items(), key=lambda kv: (-kv[1], kv[0] or "~"))[0][0]
            out.append({"text": text, "findings": form["findings"], "articles": form["articles"],
                        "suggestions": suggestions[:3], "rules": sorted(form["rules"]), "entry": entry})
        return out

    def _trend(self) -> dict | None:
        """Articles and findings per day (dates spanning up to DAY_TREND_LIMIT days) or per month,
        with empty periods filled in."""
        if not self.days:
            return None
        import datetime as dt

        days = sorted(self.days)
        first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
        by_day = (last - first).days < DAY_TREND_LIMIT
        periods: dict[str, Counter] = {}
        if by_day:
            for i in range((last - first).days + 1):
                periods[(first + dt.timedelta(days=i)).isoformat()] = Counter()
        else:
            y, m = first.year, first.month
            while (y, m) <= (last.year, last.month):
                periods[f"{y:04d}-{m:02d}"] = Counter()
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        for day, counts in self.days.items():
            periods[day if by_day else day[:7]].update(counts)
        points = [{"period": p, "articles": c["articles"], "findings": c["findings"],
                   "with_findings": c["with_findings"], "words": c["words"],
                   "findings_per_article": _ratio(c["findings"], c["articles"])} for p, c in periods.items()]
        return {"period": "day" if by_day else "month", "points": points}


# ---------------------------------------------------------------- the JSON report


class Writer:
    """Streams the JSON report into a temporary file beside `path`; `finish()` moves it into place."""

    def __init__(self, path: str, info, title: str):
        from .state import temporary

        self.path = path
        fd, self._tmp = temporary(path)
        self._file = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self._first = True
        self.title = title
        head = {"version": 1, "tool": {"name": "transaudit", "version": info.tool_version},
                "glossary": {"entries": info.glossary_entries, "hash": info.glossary_hash,
                             "sources": list(info.glossary_sources)}}
        self._file.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "files": [')

    def add(self, record: dict) -> None:
        self._file.write(("\n    " if self._first else ",\n    ") + json.dumps(record, ensure_ascii=False))
        self._first = False

    def finish(self, aggregates: dict) -> None:
        totals = aggregates["totals"]
        summary = {"files": totals["articles"], "failed_files": totals["failed"], "findings": totals["findings"],
                   "by_severity": aggregates["by_severity"]}
        tail = json.dumps({"summary": summary, "audit": {"title": self.title, **aggregates}},
                          ensure_ascii=False, indent=2)
        self._file.write(("\n  ]," if not self._first else "],") + "\n" + tail[2:])
        self._file.write("\n")
        self._file.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        if os.path.exists(self._tmp):
            os.unlink(self._tmp)
