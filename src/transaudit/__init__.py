"""transaudit: finds translation artifacts in English news against a glossary of canonical names."""
from .finding import Finding, Severity
from .linter import lint_paths, lint_text, load

__version__ = "0.1.0"
__all__ = ["Finding", "Severity", "lint_text", "lint_paths", "load", "__version__"]
