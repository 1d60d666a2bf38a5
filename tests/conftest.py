"""Settings for the whole suite: property tests that neither flake nor judge speed.

Property tests run derandomized, so a CI run is the same every time and never red by the luck of a
draw, and Hypothesis measures no time (no deadline per example, no health check that data is
generated too slowly), so a loaded CI machine cannot fail a test that is right.
`--hypothesis-profile=explore` hunts with fresh random examples, and more of them.
"""

from hypothesis import HealthCheck, settings

QUIET_ABOUT_TIME = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", derandomize=True, print_blob=True, **QUIET_ABOUT_TIME)
settings.register_profile("explore", derandomize=False, max_examples=1000, **QUIET_ABOUT_TIME)
settings.load_profile("default")
