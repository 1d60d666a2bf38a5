"""The Textual face of `tutor`: the course, one lesson at a time, help and a summary.

`tutor.ui.app.create_app()` builds the app for the CLI and the tests alike. The lesson state lives
in `tutor.ui.session` (plain Python, no Textual); screens and widgets only show it.

Nothing here is imported at package level: `tutor.ui.app` must start as fast as a bare Textual app,
so NumPy and the lesson engine are imported only once a lesson is loaded.
"""
