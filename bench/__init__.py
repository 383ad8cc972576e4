"""`make bench`: the API under its production server, against the framework floor (DESIGN 4)."""
