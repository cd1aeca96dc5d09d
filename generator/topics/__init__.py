"""Topics: articles grouped into sections (`cluster`), each built into a story (`build`):
label and headline, summary, highlights, quotes, key players and timeline."""
