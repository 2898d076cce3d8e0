"""`python -m cablecli`."""

from cablecli.cli import main

main()
