"""Document metadata: front matter validation and content fingerprints (shared by Markdown and PDF)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.errors import DocumentError
from assistant.models import DocMeta
from assistant.validation import explain_validation_error

__all__ = ["DocumentError", "content_hash", "file_fingerprint", "load_front_matter", "sidecar_path", "validate_meta"]

# Front matter is a handful of short fields (the shipped corpus: under 2 KB, 4 topics, 7 sources); these caps
# keep a hostile or broken file from costing more than that by orders of magnitude.
MAX_FRONT_MATTER_BYTES = 16 * 1024
MAX_TOPICS = 20
MAX_SOURCES = 30
MAX_TITLE_CHARS = 300
MAX_TOPIC_CHARS = 60
MAX_TEXT_CHARS = 2000  # any other string (a source's title, citation or URL)
MAX_DEPTH = 3  # mapping → `sources` list → one source's mapping; nothing deeper
# ... except one list more under a source's mapping: the headings it covers (`sections: [...]`, see
# assistant.ingest.passage_sources), a list of plain strings
_DEEPER_LISTS = {"sections"}


def content_hash(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()




def sidecar_path(path: Path) -> Path:
    """The optional metadata sidecar of a PDF: ``NAME.pdf.yaml`` beside it."""
    return path.with_name(path.name + ".yaml")


def file_fingerprint(path: Path) -> str:
    """What identifies a corpus file's content: its bytes, plus its sidecar's for a PDF that has one.

    The index compares these to decide what changed; a loaded document carries the same value.
    """
    parts = [path.read_bytes()]
    sidecar = sidecar_path(path)
    if path.suffix.lower() == ".pdf" and sidecar.exists():
        parts.append(sidecar.read_bytes())
    return content_hash(*parts)


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases (``*name``) and nesting deeper than :data:`MAX_DEPTH`, while
    composing: an alias bomb ("billion laughs") or a thousand nested brackets fail before anything is built."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            line = self.peek_event().start_mark.line
            raise _Refused(line, "uses a YAML alias (*name)",
                           "write each value out in full: anchors and aliases (&name, *name) are not allowed")
        if self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            self._depth += 1
            allowed = MAX_DEPTH + (self._depth == MAX_DEPTH + 1 and self.check_event(yaml.SequenceStartEvent)
                                   and isinstance(index, yaml.ScalarNode) and index.value in _DEEPER_LISTS)
            if self._depth > allowed:
                line = self.peek_event().start_mark.line
                raise _Refused(line, f"is nested more than {MAX_DEPTH} levels deep",
                               "use flat `key: value` lines; only `sources` holds a list of mappings")
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, line: int, problem: str, hint: str):
        super().__init__(problem)
        self.line, self.problem, self.hint = line, problem, hint


def load_front_matter(text: str, where: str, first_line: int = 1) -> object:
    """Parse front matter (or a sidecar) as YAML, refusing what only an attack or an accident needs: more than
    :data:`MAX_FRONT_MATTER_BYTES`, aliases, deep nesting. ``first_line`` is the file line of ``text``'s first
    line, so errors point at the right place. Raises :class:`DocumentError`."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FRONT_MATTER_BYTES:
        raise DocumentError(
            f"{where} is {size / 1024:,.0f} KB; the limit is {MAX_FRONT_MATTER_BYTES // 1024} KB",
            f"keep it to the metadata fields (at most {MAX_TOPICS} topics and {MAX_SOURCES} sources); "
            "put long text in the document body",
        )
    loader = _FrontMatterLoader(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        raise DocumentError(f"{where} {exc.problem} at line {exc.line + first_line}", exc.hint) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + first_line}" if mark else ""
        raise DocumentError(f"{where} is not valid YAML{at}", "fix the YAML syntax (quote values with colons)") from None
    except RecursionError:  # belt and braces: the depth check should already have refused it
        raise DocumentError(f"{where} is nested too deeply", "use flat `key: value` lines") from None
    finally:
        loader.dispose()


def _check_sizes(data: dict, where: str) -> None:
    """List lengths and string lengths, checked before pydantic sees (and echoes) any of it."""
    fix = "shorten it"
    for key, limit in (("topics", MAX_TOPICS), ("sources", MAX_SOURCES)):
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            raise DocumentError(f"{where} lists {len(value):,} {key}; at most {limit} are allowed",
                                f"keep the {limit} most relevant {key}")

    def strings(value, path):
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from strings(k, path)
                yield from strings(v, f"{path}.{k}" if path else str(k)[:40])
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from strings(v, f"{path}[{i}]")

    for path, text in strings(data, ""):
        limit = (MAX_TITLE_CHARS if path == "title" else MAX_TOPIC_CHARS if path.startswith("topics[")
                 else MAX_TEXT_CHARS)
        if len(text) > limit:
            raise DocumentError(f"{where}: `{path or 'a key'}` is {len(text):,} characters; at most {limit} are "
                                "allowed", fix)


def validate_meta(data: object, where: str) -> DocMeta:
    """Validate front matter (or a sidecar) and turn pydantic's errors into one readable sentence.

    Nothing unvalidated is turned into text: a YAML date becomes ``YYYY-MM-DD``, anything else that is not a
    string is left for pydantic to refuse."""
    if not isinstance(data, dict):
        raise DocumentError(f"{where} is not a YAML mapping", "write `key: value` lines between the --- markers")
    data = dict(data)
    _check_sizes(data, where)
    as_of = data.get("as_of")
    if isinstance(as_of, dt.date) and not isinstance(as_of, dt.datetime):
        data["as_of"] = as_of.isoformat()
    try:
        return DocMeta.model_validate(data)
    except ValidationError as exc:
        issues = explain_validation_error(exc)
        raise DocumentError(
            f"invalid {where} ({issues})",
            "required: id, title, doc_type (guide|regulation|agreement|faq|data), "
            "jurisdiction (MX|US|USMCA|other), as_of (YYYY-MM-DD); optional: topics, language (en|es), sources, short",
        ) from None
