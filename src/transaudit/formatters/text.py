"""Human-readable lines: path:line:col: severity [rule] message (suggestion)."""
from __future__ import annotations

COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
RESET, DIM, BOLD = "\033[0m", "\033[2m", "\033[1m"


def write(results, info, stream, color: bool = False, **_) -> None:
    """One line per finding, then the summary; `results` is read once (it may be a generator)."""
    files = total = failed = 0
    for r in results:
        files += 1
        total += len(r.findings)
        if r.error is not None:
            failed += 1
            stream.write(f"{r.path}: error: {r.error}\n")
            continue
        lines = []
        for f in r.findings:
            line, col = r.doc.position(f.start)
            sev = f.severity.value
            fix = f" ({f.suggestions[0]})" if f.suggestions else ""
            if color:
                lines.append(f"{BOLD}{r.path}:{line}:{col}:{RESET} {COLORS[sev]}{sev}{RESET} "
                             f"{DIM}[{f.rule}]{RESET} {f.message}{fix}")
            else:
                lines.append(f"{r.path}:{line}:{col}: {sev} [{f.rule}] {f.message}{fix}")
        stream.write("".join(line + "\n" for line in lines))
    summary = f"{total} finding{'s' * (total != 1)} in {files} file{'s' * (files != 1)}"
    if failed:
        summary += f", {failed} could not be checked"
    stream.write(summary + "\n")
