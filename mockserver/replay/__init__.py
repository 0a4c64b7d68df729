"""Recordings of what an application sent (and what the mock or a real gateway answered), and
their replay against a mock with the replies compared."""
