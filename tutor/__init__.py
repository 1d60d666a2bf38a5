"""tutor: learn backpropagation step by step in the terminal.

Installed as the distribution `backprop-tutor` (the name `tutor` on the package index is another
program); the command and the package are `tutor`.
"""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here
