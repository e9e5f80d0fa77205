"""The frozen application's entry point (PyInstaller needs a script, not a package's ``__main__``)."""

from oralman_desk.__main__ import main

if __name__ == "__main__":
    main()
