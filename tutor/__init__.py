"""tutor: learn backpropagation step by step in the terminal."""
