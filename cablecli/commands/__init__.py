"""One module per command: each turns its options into calls of the core and a renderer."""
