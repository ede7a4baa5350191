"""The workspace's Admin tab (controls only when an admin token is configured): upload documents, validate, screen
and re-index; list, replace and delete the uploaded documents; review the documents screening held back
(release = index anyway, or discard). Every change goes through one all-or-nothing transaction
(:mod:`assistant.interfaces.web.corpus_edit`).

Before the token is verified the tab holds only the token box: the upload and review controls and their events are
built by ``gr.render`` for that browser session once the server has checked the token (the "unlocked" flag is a
server-side ``gr.State``, which a client cannot set). Every action (:class:`AdminActions`: upload, replace,
delete, release, discard) checks the token again on every call, server side, and shows nothing when it is wrong.
"""

# No ``from __future__ import annotations`` here: Gradio reads the handlers' ``gr.Request`` annotations at run
# time to inject the request, and a string annotation naming the local ``gr`` cannot be resolved.
import shutil
from pathlib import Path
from typing import Callable

from assistant.errors import UserInputError
from assistant.interfaces.web.admin import UploadError, indexed_documents, install_and_reindex, stage_uploads, token_ok
from assistant.interfaces.web.corpus_edit import UploadedDocument, apply_and_reindex, find_uploaded, uploaded_documents
from assistant.interfaces.web.limits import BackoffGuard
from assistant.interfaces.web.render import md_escape
from assistant.interfaces.web.review import HeldDocument, accept_uploads, discard, held_documents, release

Progress = Callable[[str, int, int], None] | None
Reply = tuple[str, list[HeldDocument] | None]  # (message, the queue to show; None: leave the queue unshown)


def held_markdown(items: list[HeldDocument]) -> str:
    """The review queue as Markdown: each held document with the reasons it was held (everything escaped)."""
    if not items:
        return "No document is waiting for review."
    lines = [f"**Held for review ({len(items)})**, not indexed until released:"]
    for item in items:
        lines.append(f"- **{md_escape(item.item_id)}** — {md_escape(item.title)} "
                     f"({md_escape(', '.join(item.files))}; held {md_escape(item.held_at)})")
        lines += [f"    - {md_escape(r.get('reason'))}: “{md_escape(r.get('excerpt'))}”" for r in item.reasons]
    return "\n".join(lines)


class AdminActions:
    """What the Admin tab does, without Gradio: every action re-checks the token for the calling client."""

    def __init__(self, components, guesses: BackoffGuard | None = None):
        self.components = components
        self.settings = components.settings
        self.guesses = guesses or BackoffGuard()  # after 3 wrong tokens: 2, 4, 8 … s per client (max 15 min)

    def refused(self, given: str | None, client: str) -> str | None:
        """None when the token is right; else what to tell the person (a wrong token, or how long to wait)."""
        wait = self.guesses.wait(client)
        if wait:
            return f"⚠️ Too many wrong tokens from this address: try again in {wait} s."
        if token_ok(self.settings.admin_token, given):
            self.guesses.succeeded(client)
            return None
        self.guesses.failed(client)
        return "⚠️ Wrong token."

    def queue(self) -> list[HeldDocument]:
        return held_documents(self.settings.review_dir)

    def upload(self, given: str | None, paths: list[str] | None, client: str, on_progress: Progress = None,
               on_validated: Callable[[], None] | None = None) -> Reply:
        refused = self.refused(given, client)
        if refused is not None:
            return f"{refused} Nothing was changed.", None
        try:
            staged = stage_uploads([Path(p) for p in paths or []], self.settings.max_upload_mb,
                                   existing=indexed_documents(self.components.store))
        except UploadError as exc:
            return f"⚠️ Upload refused, nothing was changed: {md_escape(str(exc))}", self.queue()
        if on_validated:
            on_validated()
        doc_ids, warnings = list(staged.doc_ids), list(staged.warnings)
        try:
            accepted = accept_uploads(staged, self.settings.corpus_dir, self.settings.review_dir,
                                      self.components.store, on_progress=on_progress)
        except Exception as exc:  # noqa: BLE001 - shown to the admin; the corpus was restored
            return f"⚠️ Re-indexing failed, the upload was taken out again: {md_escape(str(exc))}", self.queue()
        lines = []
        if accepted.installed:
            lines.append(f"✅ Added {', '.join(md_escape(n) for n in accepted.installed)} "
                         f"(documents: {', '.join(md_escape(d) for d in doc_ids)}).")
            lines.append(md_escape(accepted.report.summary()))
        for item in accepted.held:
            reasons = "; ".join(md_escape(r.get("reason")) for r in item.reasons)
            lines.append(f"⏸️ Held for review, not indexed: {md_escape(', '.join(item.files))} "
                         f"(document {md_escape(item.item_id)}): {reasons}. Release or discard it below.")
        lines += [f"- warning: {md_escape(w)}" for w in warnings]
        return "\n\n".join(lines), self.queue()

    def release(self, given: str | None, item_id: str | None, client: str, on_progress: Progress = None) -> Reply:
        refused = self.refused(given, client)
        if refused is not None:
            return f"{refused} Nothing was changed.", None
        try:
            report = release(self.settings.review_dir, item_id or "", self.settings.corpus_dir, self.components.store,
                             self.settings.max_upload_mb, on_progress=on_progress)
        except UploadError as exc:
            return f"⚠️ Not released: {md_escape(str(exc))}", self.queue()
        except Exception as exc:  # noqa: BLE001 - shown to the admin; the corpus was restored, the item kept
            return f"⚠️ Re-indexing failed, the document stays held: {md_escape(str(exc))}", self.queue()
        return f"✅ Released {md_escape(item_id)}: indexed as an uploaded document. {md_escape(report.summary())}", \
            self.queue()

    def discard(self, given: str | None, item_id: str | None, client: str) -> Reply:
        refused = self.refused(given, client)
        if refused is not None:
            return f"{refused} Nothing was changed.", None
        try:
            item = discard(self.settings.review_dir, item_id or "")
        except UploadError as exc:
            return f"⚠️ Not discarded: {md_escape(str(exc))}", self.queue()
        return f"🗑️ Discarded {md_escape(item.item_id)}.", self.queue()

    # ------------------------------------------------------------------ uploaded documents
    def documents(self) -> list[UploadedDocument]:
        return uploaded_documents(self.components.store.current_manifest(), self.settings.corpus_dir)

    def replace(self, given: str | None, doc_id: str | None, paths: list[str] | None, client: str,
                on_progress: Progress = None) -> Reply:
        """Swap an uploaded document for the uploaded files (one document, screened like any upload)."""
        refused = self.refused(given, client)
        if refused is not None:
            return f"{refused} Nothing was changed.", None
        try:
            old = find_uploaded(self.components.store.current_manifest(), self.settings.corpus_dir, doc_id)
            existing = {k: v for k, v in indexed_documents(self.components.store).items() if k != old.doc_id}
            staged = stage_uploads([Path(p) for p in paths or []], self.settings.max_upload_mb, existing=existing)
        except UserInputError as exc:
            return f"⚠️ Not replaced, nothing was changed: {md_escape(str(exc))}", self.queue()
        if len(staged.doc_ids) + len(staged.flagged) != 1:
            shutil.rmtree(staged.folder, ignore_errors=True)
            return (f"⚠️ Not replaced, nothing was changed: upload exactly one document (a PDF may come with its "
                    f"sidecar) to replace {md_escape(old.doc_id)}."), self.queue()
        if staged.flagged:
            accept_uploads(staged, self.settings.corpus_dir, self.settings.review_dir, self.components.store)
            return (f"⏸️ The replacement was held for review; {md_escape(old.doc_id)} stays as it was. "
                    "Release or discard it below."), self.queue()
        new_id = staged.doc_ids[0]
        try:
            report = install_and_reindex(staged, self.settings.corpus_dir, self.components.store,
                                         on_progress=on_progress, replace=old.files)
        except Exception as exc:  # noqa: BLE001 - shown to the admin; the corpus was restored
            return f"⚠️ Re-indexing failed, {md_escape(old.doc_id)} was put back: {md_escape(str(exc))}", self.queue()
        return (f"✅ Replaced {md_escape(old.doc_id)} with {md_escape(new_id)}. {md_escape(report.summary())}",
                self.queue())

    def delete(self, given: str | None, doc_id: str | None, client: str, on_progress: Progress = None) -> Reply:
        """Take an uploaded document out of the corpus and the index."""
        refused = self.refused(given, client)
        if refused is not None:
            return f"{refused} Nothing was changed.", None
        try:
            old = find_uploaded(self.components.store.current_manifest(), self.settings.corpus_dir, doc_id)
        except UserInputError as exc:
            return f"⚠️ Not deleted: {md_escape(str(exc))}", self.queue()
        try:
            report = apply_and_reindex(self.settings.corpus_dir, self.components.store, remove=old.files,
                                       on_progress=on_progress)
        except Exception as exc:  # noqa: BLE001 - shown to the admin; the files were put back
            return f"⚠️ Re-indexing failed, {md_escape(old.doc_id)} was put back: {md_escape(str(exc))}", self.queue()
        return f"🗑️ Deleted {md_escape(old.doc_id)}. {md_escape(report.summary())}", self.queue()


DOCUMENT_HEADERS = ["Document id", "Title", "Files"]
ADMIN_OFF = ("Document management is off on this server: set `NEARSHORE_ADMIN_TOKEN` (a second secret, for whoever "
             "manages the knowledge base) and restart to upload, replace and delete documents here.")


def build_admin_tab(gr, components) -> None:
    settings = components.settings
    if not settings.admin_token:
        gr.Markdown(ADMIN_OFF, elem_id="admin-off")
        return
    actions = AdminActions(components)
    gr.Markdown(f"Upload Markdown (with front matter) or PDF documents (optionally with a `.pdf.yaml` sidecar), "
                f"up to {settings.max_upload_mb} MB each. Files are validated before anything changes; a refused "
                "upload leaves the knowledge base as it was. A document with instruction-like text, a request for "
                "credentials or payment, or contact details its sources do not carry is held for review instead "
                "of indexed. Uploaded documents can be replaced or deleted below; the shipped guides and official "
                "texts are managed as files.")
    with gr.Row():
        token = gr.Textbox(label="Admin token", type="password", scale=4, elem_id="admin-token")
        unlock = gr.Button("Unlock", scale=1, elem_id="admin-unlock")
    unlock_status = gr.Markdown()
    unlocked = gr.State(False)

    def client_of(request: gr.Request | None) -> str:
        return request.client.host if request is not None and request.client is not None else "unknown"

    def document_table(docs: list[UploadedDocument]):
        import pandas as pd

        return pd.DataFrame([d.row() for d in docs], columns=DOCUMENT_HEADERS)

    def shown(reply: Reply):
        message, items = reply
        if items is None:  # a wrong token: nothing about the queue or the documents
            return message, gr.skip(), gr.skip(), gr.skip(), gr.skip()
        docs = actions.documents()
        return (message, held_markdown(items), gr.update(choices=[i.item_id for i in items], value=None),
                document_table(docs), gr.update(choices=[d.doc_id for d in docs], value=None))

    def reporter(progress):
        def report(stage: str, done: int, total: int) -> None:
            progress((done, total) if total else 1.0, desc=f"{'Embedding' if stage == 'embed' else 'Copying'} chunks")
        return report

    def on_unlock(given: str, request: gr.Request):
        refused = actions.refused(given, client_of(request))
        return ("Unlocked.", True) if refused is None else (refused, False)

    def on_upload(given: str, paths: list[str] | None, request: gr.Request, progress=gr.Progress()):
        return shown(actions.upload(given, paths, client_of(request), reporter(progress),
                                    on_validated=lambda: progress(0, desc="Validated and screened; re-indexing")))

    def on_replace(given: str, doc_id: str | None, paths: list[str] | None, request: gr.Request,
                   progress=gr.Progress()):
        return shown(actions.replace(given, doc_id, paths, client_of(request), reporter(progress)))

    def on_delete(given: str, doc_id: str | None, request: gr.Request, progress=gr.Progress()):
        return shown(actions.delete(given, doc_id, client_of(request), reporter(progress)))

    def on_release(given: str, item_id: str | None, request: gr.Request, progress=gr.Progress()):
        return shown(actions.release(given, item_id, client_of(request), reporter(progress)))

    def on_discard(given: str, item_id: str | None, request: gr.Request):
        return shown(actions.discard(given, item_id, client_of(request)))

    unlock.click(on_unlock, token, [unlock_status, unlocked], api_visibility="private")

    @gr.render(inputs=unlocked)
    def admin_tools(is_unlocked: bool):
        if not is_unlocked:
            return
        files = gr.File(label="Documents", file_count="multiple", file_types=[".md", ".pdf", ".yaml"],
                        elem_id="admin-files")
        upload = gr.Button("Validate and re-index", variant="primary", elem_id="admin-upload")
        outcome = gr.Markdown(elem_id="admin-outcome")
        gr.Markdown("### Uploaded documents")
        docs = actions.documents()
        table = gr.Dataframe(value=document_table(docs), interactive=False, wrap=True, elem_id="admin-documents")
        with gr.Row():
            doc_pick = gr.Dropdown(label="Uploaded document", choices=[d.doc_id for d in docs], value=None, scale=3,
                                   elem_id="admin-doc-pick")
            delete_button = gr.Button("Delete", variant="stop", scale=1, elem_id="admin-delete")
        with gr.Row():
            replacement = gr.File(label="Replacement (one document; a PDF may bring its sidecar)",
                                  file_count="multiple", file_types=[".md", ".pdf", ".yaml"], scale=3,
                                  elem_id="admin-replacement")
            replace_button = gr.Button("Replace", scale=1, elem_id="admin-replace")
        items = actions.queue()
        gr.Markdown("### Review queue")
        held = gr.Markdown(held_markdown(items), elem_id="admin-held")
        with gr.Row():
            pick = gr.Dropdown(label="Held document", choices=[i.item_id for i in items], value=None, scale=3,
                               elem_id="admin-held-pick")
            release_button = gr.Button("Release (index anyway)", scale=1, elem_id="admin-release")
            discard_button = gr.Button("Discard", variant="stop", scale=1, elem_id="admin-discard")
        outputs = [outcome, held, pick, table, doc_pick]
        one_at_a_time = {"concurrency_limit": 1, "concurrency_id": "admin-corpus", "api_visibility": "private"}
        upload.click(on_upload, [token, files], outputs, **one_at_a_time)
        replace_button.click(on_replace, [token, doc_pick, replacement], outputs, **one_at_a_time)
        delete_button.click(on_delete, [token, doc_pick], outputs, **one_at_a_time)
        release_button.click(on_release, [token, pick], outputs, **one_at_a_time)
        discard_button.click(on_discard, [token, pick], outputs, **one_at_a_time)
