"""GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`, one per finding.

GitHub shows them as annotations on the pull request. Data is escaped as the runner expects
(% CR LF), property values also `:` and `,`. Info findings become notices.
"""
from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={v if isinstance(v, int) else escape_property(v)}" for k, v in props.items())
    return f"::{level} {fields}::{escape_data(message)}"


def write(results, info, stream, **_) -> None:
    """One command per finding; `results` is read once (it may be a generator)."""
    for r in results:
        if r.error is not None:
            failure = _command("error", f"could not be checked: {r.error}", file=r.path, title="transaudit")
            stream.write(failure + "\n")
            continue
        lines = []
        for f in r.findings:
            line, col = r.doc.position(f.start)
            end_line, end_col = r.doc.position(f.end)
            where = {"file": r.path, "line": line}
            if end_line == line:  # GitHub ignores columns on annotations spanning lines
                where.update(col=col, endLine=end_line, endColumn=end_col)
            else:
                where.update(endLine=end_line)
            message = f.message + (f" (suggestion: {f.suggestions[0]})" if f.suggestions else "")
            lines.append(_command(LEVELS[f.severity.value], message, **where, title=f"transaudit [{f.rule}]"))
        stream.write("".join(line + "\n" for line in lines))
