"""Package data: rate tables and other files loaded with :mod:`importlib.resources`."""
