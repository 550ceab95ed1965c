"""Record-level data: schemas, validation, a synthetic generator and the measure engines."""
