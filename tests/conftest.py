"""Settings for the whole suite.

Property tests run derandomized by default, so a CI run is the same every time and never red by
the luck of a draw; `--hypothesis-profile=explore` searches with fresh random examples (and more of
them) when you want hypothesis to hunt for new failures.
"""

from hypothesis import settings

settings.register_profile("default", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=1000)
settings.load_profile("default")
