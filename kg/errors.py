class KgError(Exception):
    """A problem the user can fix: the CLI prints the message as one line and exits 1."""
