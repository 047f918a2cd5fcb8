"""Print one of README.md's two commands, so CI runs exactly what the README says.

The README marks each command with a comment line `<!-- command: NAME -->` right
before its fenced block.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
PATTERN = re.compile(r"<!-- command: (\w+) -->\s*```(?:bash|sh)?\n(.*?)\n```", re.S)


def commands(text: str) -> dict[str, str]:
    return {name: body.strip() for name, body in PATTERN.findall(text)}


if __name__ == "__main__":
    found = commands(README.read_text(encoding="utf-8"))
    name = sys.argv[1]
    if name not in found:
        sys.exit(f"README.md has no command marked {name!r} (found: {sorted(found)})")
    print(found[name])
