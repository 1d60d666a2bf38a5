"""Tests of the Textual app: Pilot interaction tests, snapshots, the model behind the screens."""
