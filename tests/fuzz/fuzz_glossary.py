"""atheris harness for glossary loading: `python tests/fuzz/fuzz_glossary.py [libFuzzer flags] [CORPUS ...]`.

Each input is a glossary file (first byte: YAML, CSV or TBX); see transaudit/_fuzz.py for what
counts as a crash and README.md for the runs.
"""
import sys

from transaudit._fuzz import main

if __name__ == "__main__":
    main([sys.argv[0], "glossary", *sys.argv[1:]])
