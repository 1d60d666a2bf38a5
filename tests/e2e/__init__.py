"""End-to-end tests: the real `tutor` command in a terminal (tmux)."""
