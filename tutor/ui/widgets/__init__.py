"""Widgets of the app: the course list, a lesson step, the computation graph, lesson progress.

Imported from their own modules (`tutor.ui.widgets.graph`, …) so that startup pulls in only what
the home screen needs.
"""
