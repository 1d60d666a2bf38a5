"""The Textual face of `tutor`: the course, one lesson at a time, help and a summary.

`tutor.ui.app.create_app()` builds the app for the CLI and the tests alike. What each screen shows
lives in `tutor.ui.models` (plain Python, no Textual: the lesson session, the review, the graph, the
numerical check, the experiment, the loss curves); `screens/` and `widgets/` only draw it.

Nothing here is imported at package level: `tutor.ui.app` must start as fast as a bare Textual app,
so NumPy and the lesson engine are imported only once a lesson is loaded.
"""
