"""Synthetic fact files in the project's own format, for the benchmark and the scale tests.

`world` plans states, organizations and persons; `events` adds meetings, documents and the
sources behind them; `inject` plants known errors; `yamlout` writes the files byte-stably.
"""
