"""Quality and speed measurement: `eval` (gold sets, scorer, baseline gate) and `bench`."""
