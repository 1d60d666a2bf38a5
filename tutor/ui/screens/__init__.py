"""The app's screens, one per module: home (the course), lesson, help, summary, confirm.

Not re-exported here: the lesson, help and summary screens import the engine (NumPy), which
must stay out of the app's startup path; each is imported where it is first shown.
"""
