"""Settings for the whole suite: Hypothesis never judges speed, because the machine may be busy.

The property tests keep their own example counts; this profile only turns off what measures time
(a deadline per example, the health check that data is generated too slowly), so a loaded CI
machine cannot fail a test that is right.
"""

from hypothesis import HealthCheck, settings

settings.register_profile("tutor", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tutor")
