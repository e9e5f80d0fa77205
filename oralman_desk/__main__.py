"""``python -m oralman_desk`` and the ``oralman-desk`` console script."""

from __future__ import annotations

import sys

from .cli import main as _main


def main() -> None:
    sys.exit(_main())


if __name__ == "__main__":
    main()
