"""Coverage of the record (SPEC §11): disagreeing sources, names with periods, identifiers,
completeness warnings and dataset assertions."""
