"""The bundle's entry point (PyInstaller runs this script): the `mediabox` command.

`freeze_support()` comes first: the decoder pool's spawned children start as this executable
with multiprocessing's own arguments (`-B -s -c …`, `--multiprocessing-fork`), which must run
the child's code rather than reach the command-line parser."""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from mediabox.cli import main

    main()
