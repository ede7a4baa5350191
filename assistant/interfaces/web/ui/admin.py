"""The Admin tab (only built when an admin token is configured): upload documents, validate and re-index."""

from pathlib import Path

from assistant.interfaces.web.render import md_escape


def build_admin_tab(gr, components) -> None:
    from assistant.interfaces.web.admin import UploadError, indexed_documents, install_and_reindex, stage_uploads, token_ok

    from assistant.interfaces.web.limits import BackoffGuard

    settings = components.settings
    guesses = BackoffGuard()  # wrong tokens per client: after 3, each further try waits 2, 4, 8 … s (max 15 min)
    gr.Markdown(f"Upload Markdown (with front matter) or PDF documents (optionally with a `.pdf.yaml` sidecar), "
                f"up to {settings.max_upload_mb} MB each. Files are validated before anything changes; a refused "
                "upload leaves the knowledge base as it was.")
    with gr.Row():
        token = gr.Textbox(label="Admin token", type="password", scale=4, elem_id="admin-token")
        unlock = gr.Button("Unlock", scale=1, elem_id="admin-unlock")
    unlock_status = gr.Markdown()
    with gr.Group(visible=False) as tools:
        files = gr.File(label="Documents", file_count="multiple", file_types=[".md", ".pdf", ".yaml"],
                        elem_id="admin-files")
        upload = gr.Button("Validate and re-index", variant="primary", elem_id="admin-upload")
        outcome = gr.Markdown(elem_id="admin-outcome")

    def checked(given: str, request: gr.Request | None) -> str | None:
        """None when the token is right; else what to tell the person (a wrong token, or how long to wait)."""
        client = request.client.host if request is not None and request.client is not None else "unknown"
        wait = guesses.wait(client)
        if wait:
            return f"⚠️ Too many wrong tokens from this address: try again in {wait} s."
        if token_ok(settings.admin_token, given):
            guesses.succeeded(client)
            return None
        guesses.failed(client)
        return "⚠️ Wrong token."

    def on_unlock(given: str, request: gr.Request):
        refused = checked(given, request)
        if refused is None:
            return "Unlocked.", gr.update(visible=True)
        return refused, gr.update(visible=False)

    def on_upload(given: str, paths: list[str] | None, request: gr.Request, progress=gr.Progress()):
        refused = checked(given, request)
        if refused is not None:
            return f"{refused} Nothing was changed."
        try:
            staged = stage_uploads([Path(p) for p in paths or []], settings.max_upload_mb,
                                   existing=indexed_documents(components.store))
        except UploadError as exc:
            return f"⚠️ Upload refused, nothing was changed: {md_escape(str(exc))}"
        progress(0, desc="Validated; re-indexing")

        def report(stage: str, done: int, total: int) -> None:
            progress((done, total) if total else 1.0, desc=f"{'Embedding' if stage == 'embed' else 'Copying'} chunks")

        try:
            result = install_and_reindex(staged, settings.corpus_dir, components.store, on_progress=report)
        except Exception as exc:  # noqa: BLE001 - shown to the admin; the corpus was restored
            return f"⚠️ Re-indexing failed, the upload was taken out again: {md_escape(str(exc))}"
        lines = [f"✅ Added {', '.join(md_escape(n) for n in staged.names)} "
                 f"(documents: {', '.join(md_escape(d) for d in staged.doc_ids)}).", md_escape(result.summary())]
        lines += [f"- warning: {md_escape(w)}" for w in staged.warnings]
        return "\n\n".join(lines)

    unlock.click(on_unlock, token, [unlock_status, tools], api_visibility="private")
    upload.click(on_upload, [token, files], outcome, concurrency_limit=1, api_visibility="private")
