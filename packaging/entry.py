"""The bundle's entry point (PyInstaller runs this script): the `mediabox` command."""

from mediabox.cli import main

if __name__ == "__main__":
    main()
