"""The floor: a bare pyahocorasick scan for the listed wrong forms, start-up included.

    python benchmarks/floor.py WRONG.tsv PATH...

Reads `wrong<TAB>right` lines, builds one automaton over the lower-cased wrong forms, and scans
every Markdown file under PATH (lower-cased), keeping matches with a non-word character (or the text
edge) on both sides. Prints the number of files and matches. This is the least any tool must do to
find the same listed forms, so the other tools' throughput is reported relative to it.
"""
import os
import sys

import ahocorasick


def main(argv) -> int:
    table, *paths = argv
    automaton = ahocorasick.Automaton()
    with open(table, encoding="utf-8") as f:
        for line in f:
            wrong, _, right = line.rstrip("\n").partition("\t")
            automaton.add_word(wrong.lower(), (len(wrong), right))
    automaton.make_automaton()
    files = matches = 0
    for root in paths:
        names = [root] if os.path.isfile(root) else sorted(
            os.path.join(d, n) for d, _, ns in os.walk(root) for n in ns if n.endswith(".md"))
        for name in names:
            with open(name, encoding="utf-8") as f:
                text = f.read().lower()
            files += 1
            size = len(text)
            for end, (length, _) in automaton.iter(text):
                start = end - length + 1
                if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == size or not text[end + 1].isalnum()):
                    matches += 1
    print(f"{files} files, {matches} matches")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
