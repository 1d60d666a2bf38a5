"""The UI's presentation models: what each screen shows and what its keys change, in plain Python.

A model holds the state and the words; the screens and widgets (`tutor.ui.screens`,
`tutor.ui.widgets`) only draw it. Nothing here imports textual, rich or plotext
(tests/test_core_imports.py proves it), so the tests can drive a lesson, a review or an
experiment without a terminal.

- `session`: one lesson, page by page (`LessonSession`).
- `review`: the steps due for review, across lessons (`ReviewSession`).
- `chain`: the computation graph of the page on screen.
- `numerical`: the numerical check of a gradient (nudge a weight, recompute the cost).
- `experiment`: the learning-rate experiment: its prediction, replay and sweep.
- `curves`: the loss curves and the gradient flow.

Nothing is imported at package level: each screen imports the model it needs when it is shown.
"""
