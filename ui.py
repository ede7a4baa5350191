"""Serve the Nearshore Assistant web UI and HTTP API: ``python ui.py``.

Reads the settings (``NEARSHORE_*`` environment variables), builds the index if there is none, and serves
the public page at http://127.0.0.1:7860/ (``NEARSHORE_HOST`` / ``NEARSHORE_PORT``) with the API under
``/api``, its docs at ``/docs`` and, with ``NEARSHORE_CONSULTANT_TOKEN`` set, the consultant workspace at
``/consultant/``. Analytics are off; the app is never shared through a public link.
"""

from assistant.app import build
from assistant.settings import configure_runtime, get_settings
from assistant.interfaces.web.server import serve


def main() -> None:
    configure_runtime()
    serve(build(get_settings()))


if __name__ == "__main__":
    main()
