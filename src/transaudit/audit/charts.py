"""The report's charts: matplotlib figures saved as SVG text, to be inlined in the HTML page.

Figures are built with the object API (`matplotlib.figure.Figure`, no pyplot and no global figure
state) and saved with the SVG backend; text is drawn as paths (`svg.fonttype: path`), so the page
needs no font and no network. A fixed `svg.hashsalt` and no date in the metadata make the same
aggregates give the same SVG bytes; every id inside a chart is prefixed with the chart's name, so
the inline SVGs of one page never share an id.
"""
from __future__ import annotations

import io
import re

from . import AuditError

COLORS = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}
BAR = "#37474f"
MAX_BARS = 15


def require() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise AuditError("the HTML report needs matplotlib, which is not installed: pip install matplotlib") from None


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _svg(fig, name: str, label: str) -> str:
    from matplotlib import rc_context

    buf = io.StringIO()
    with rc_context({"svg.hashsalt": f"transaudit-{name}", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    # ids are document-wide once inlined: give every id of this chart its name as a prefix
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = svg.replace("url(#", f"url(#{name}-").replace('href="#', f'href="#{name}-')
    return svg.replace("<svg ", f'<svg id="chart-{name}" class="chart" role="img" aria-label="{label}" ', 1)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"


def bars(name: str, label: str, labels: list[str], values: list[int], colors=None, xlabel: str = "findings") -> str:
    """A horizontal bar chart, largest first from the top, each bar with its value."""
    from matplotlib.ticker import MaxNLocator

    labels, values = labels[:MAX_BARS], values[:MAX_BARS]
    fig, ax = _figure(7.5, 0.7 + 0.34 * max(len(values), 1))
    y = list(range(len(values)))[::-1]
    ax.barh(y, values, color=colors or BAR, height=0.65)
    ax.set_yticks(y, [_short(s) for s in labels])
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.8)
    ax.set_axisbelow(True)
    top = max(values, default=0) or 1
    ax.set_xlim(0, top * 1.12)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for yi, v in zip(y, values):
        ax.text(v + top * 0.01, yi, f"{v:,}", va="center", fontsize=9)
    return _svg(fig, name, label)


def trend(points: list[dict], period: str) -> str:
    """Articles per period (bars) and findings per article (line, right axis)."""
    from matplotlib.ticker import MaxNLocator

    fig, ax = _figure(11.5, 3.8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    x = list(range(len(points)))
    ax.bar(x, [p["articles"] for p in points], color="#cfd8dc", label="articles checked")
    ax.set_ylabel("articles checked")
    rate = fig.axes[0].twinx()
    rate.spines["top"].set_visible(False)
    xs = [i for i, p in zip(x, points) if p["findings_per_article"] is not None]
    ys = [p["findings_per_article"] for p in points if p["findings_per_article"] is not None]
    rate.plot(xs, ys, color=COLORS["error"], marker="o", markersize=3.5, linewidth=1.8, label="findings per article")
    rate.set_ylabel("findings per article")
    rate.set_ylim(0, (max(ys, default=0) or 1) * 1.15)
    step = max(1, len(points) // 12)
    ax.set_xticks(x[::step], [p["period"] for p in points][::step], rotation=30, ha="right")
    ax.set_xlabel("day" if period == "day" else "month")
    handles = ax.get_legend_handles_labels()[0] + rate.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
              frameon=False, fontsize=9)
    return _svg(fig, "trend", f"articles and findings per article by {period}")


def render(aggregates: dict) -> dict[str, str]:
    """Chart name -> inline SVG, for the charts the aggregates have data for."""
    out = {}
    if aggregates["by_rule"]:
        rules = aggregates["by_rule"]
        out["rules"] = bars("rules", "findings by rule", [r["rule"] for r in rules], [r["findings"] for r in rules])
    sev = aggregates["by_severity"]
    if any(sev.values()):
        out["severity"] = bars("severity", "findings by severity", list(sev), list(sev.values()),
                               [COLORS[s] for s in sev])
    entries = [e for e in aggregates["by_entry"] if e["entry"]]
    if entries:
        out["entries"] = bars("entries", "findings by glossary entry", [e["canonical"] or e["entry"] for e in entries],
                              [e["findings"] for e in entries])
    sections = [s for s in aggregates["by_section"] if s["checked"]]
    if sections and any(s["section"] for s in sections):
        out["sections"] = bars("sections", "findings by section", [s["section"] or "(no section)" for s in sections],
                               [s["findings"] for s in sections])
    if aggregates["trend"] and aggregates["trend"]["points"]:
        out["trend"] = trend(aggregates["trend"]["points"], aggregates["trend"]["period"])
    return out
