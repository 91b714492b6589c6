#!/usr/bin/env python3
"""Print the Rust array of the call emoji table from a code-point table file.

Usage: python3 scripts/gen_emoji_table.py ../../shared/spec/call-emoji-table.txt
The output is the body pasted into src/calls/emoji.rs (EMOJI_TABLE); the test
tests/calls_emoji.rs checks the two agree whenever the table file is present.
"""
import sys


def main(path):
    lines = [l.strip() for l in open(path, encoding="utf-8")]
    entries = [l for l in lines[1:] if l]
    assert len(entries) == 333, len(entries)
    for i, entry in enumerate(entries):
        cps = entry.split()
        assert all(cp.startswith("U+") for cp in cps), entry
        lit = "".join("\\u{%s}" % cp[2:] for cp in cps)
        emoji = "".join(chr(int(cp[2:], 16)) for cp in cps)
        print('    "%s", // %d %s' % (lit, i, emoji))


if __name__ == "__main__":
    main(sys.argv[1])
