"""Records -> output: machine formats written with the standard library, Rich for people."""
