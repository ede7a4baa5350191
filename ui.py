"""Serve the Nearshore Assistant web UI and HTTP API: ``python ui.py``.

Reads the settings (``NEARSHORE_*`` environment variables) and serves the public page at http://127.0.0.1:7860/
(``NEARSHORE_HOST`` / ``NEARSHORE_PORT``) with the API under ``/api``, its docs at ``/docs`` and, with
``NEARSHORE_CONSULTANT_TOKEN`` set, the consultant workspace at ``/consultant/``. Without an index it listens at once and builds one, showing "Building the knowledge base… N of M
documents" (and a 503 ``/api/health`` with that progress) until it is ready. Analytics are off; the app is never
shared through a public link.
"""

from assistant.app import build
from assistant.settings import configure_runtime, get_settings
from assistant.interfaces.web.server import serve


def main() -> None:
    configure_runtime()
    serve(build(get_settings()))


if __name__ == "__main__":
    main()
