"""The web faces of the assistant: the Gradio UI, the HTTP API, feedback storage.

Nothing here is imported by the core package; Gradio, FastAPI and matplotlib are imported only by the
functions that need them.
"""
