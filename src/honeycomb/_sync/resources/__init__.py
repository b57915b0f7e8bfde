# GENERATED from src/honeycomb/_async/resources/__init__.py by scripts/unasync.py.
# Do not edit: change the async source and run `python scripts/unasync.py`.
