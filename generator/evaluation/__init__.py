"""Quality evaluation on the annotated fixtures under tests/fixtures/.

Each module here scores one stage and exposes ``evaluate(fixtures: Path) ->
dict[str, float]`` with metric names prefixed by the stage ("actors.precision").
``python -m generator eval`` runs them all and compares with the committed
baseline (tests/eval_baseline.json).
"""
