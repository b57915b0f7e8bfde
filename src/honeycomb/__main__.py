"""``python -m honeycomb``: the same as the ``honeycomb`` command."""

from honeycomb.cli import main

if __name__ == "__main__":
    main()
