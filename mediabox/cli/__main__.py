from mediabox.cli import main

main()
