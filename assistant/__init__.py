"""Nearshore Assistant: cited answers and deterministic cost calculators for moving manufacturing to Mexico.

Nothing heavy happens at import time: the embedding model, Chroma and any chat model are built on demand
by :mod:`assistant.app` and passed into the pure logic.
"""

__version__ = "0.1.0"
