from mediabox.cli import main

if __name__ == "__main__":  # decoder child processes import this module under another name
    main()
