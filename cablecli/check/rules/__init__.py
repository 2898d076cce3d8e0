"""One module per format rule, named after its id (`hdr004.py`); see cablecli.check for the interface."""
