"""Human-readable lines: path:line:col: severity [rule] message (suggestion)."""
from __future__ import annotations

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
RESET, DIM, BOLD = "\033[0m", "\033[2m", "\033[1m"


def render(results, info, color: bool = False, **_) -> str:
    lines = []
    for r in results:
        if r.error is not None:
            lines.append(f"{r.path}: error: {r.error}")
            continue
        for f in r.findings:
            line, col = r.doc.position(f.start)
            sev = f.severity.value
            fix = f" ({f.suggestions[0]})" if f.suggestions else ""
            if color:
                lines.append(f"{BOLD}{r.path}:{line}:{col}:{RESET} {COLORS[sev]}{sev}{RESET} "
                             f"{DIM}[{f.rule}]{RESET} {f.message}{fix}")
            else:
                lines.append(f"{r.path}:{line}:{col}: {sev} [{f.rule}] {f.message}{fix}")
    total = sum(len(r.findings) for r in results)
    failed = sum(r.error is not None for r in results)
    summary = f"{total} finding{'s' * (total != 1)} in {len(results)} file{'s' * (len(results) != 1)}"
    if failed:
        summary += f", {failed} could not be checked"
    lines.append(summary)
    return "\n".join(lines) + "\n"
