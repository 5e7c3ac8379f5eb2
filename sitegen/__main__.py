"""`python -m sitegen check` and `python -m sitegen new`: see sitegen/cli.py."""
from .cli import main

raise SystemExit(main())
