"""Benchmarks and accuracy measurements over real and generated corpora (`make bench`)."""
