"""atheris harness for linting: `python tests/fuzz/fuzz_lint.py [libFuzzer flags] [CORPUS ...]`.

Each input is a document (first byte: text, Markdown or HTML); see transaudit/_fuzz.py for what
counts as a crash and README.md for the runs.
"""
import sys

from transaudit._fuzz import main

if __name__ == "__main__":
    main([sys.argv[0], "lint", *sys.argv[1:]])
