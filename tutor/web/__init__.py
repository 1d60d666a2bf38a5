"""`tutor serve`: the app in a browser, through textual-serve (see `tutor.web.server`)."""
