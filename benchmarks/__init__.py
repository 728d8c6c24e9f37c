"""Performance benchmarks, run by `make bench`. Each module's `run()` prints its own figures."""
