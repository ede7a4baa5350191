"""The bundled sentence model's forward pass in numpy, for questions: no torch at answer time.

A question is one short text. Encoding it with sentence-transformers means importing torch, transformers and
scikit-learn (~5 s of a cold start, ~300 MB of a server's memory) and paying torch's per-call overhead (most of
a warm answer's CPU). This module runs the same computation — BERT encoder, mean pooling over real tokens, L2
normalization — with numpy over the model folder's own ``model.safetensors`` and ``tokenizer.json`` (read with
the ``safetensors`` and ``tokenizers`` libraries that sentence-transformers itself uses). Its vectors equal
sentence-transformers' to float32 rounding (a test holds them to 1e-5 over questions, long texts and batches).

Only a folder whose modules are exactly Transformer → mean Pooling → Normalize over a BERT with absolute
positions and an erf GELU qualifies (:func:`supports`); any other model is encoded by sentence-transformers.
Indexing (thousands of texts) stays with sentence-transformers too.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

_MODULES = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
            "sentence_transformers.models.Normalize"]


def supports(model_dir: Path) -> bool:
    """Whether :class:`NumpyBert` computes exactly what sentence-transformers computes for this folder."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith(".Pooling"))
        pooling = json.loads((model_dir / pooling_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, StopIteration):
        return False
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens")
    return ([m.get("type") for m in modules] == _MODULES and bool(mean_only)
            and config.get("model_type") == "bert" and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and (model_dir / "model.safetensors").is_file() and (model_dir / "tokenizer.json").is_file())


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to 1.5e-7 (Abramowitz & Stegun 7.1.26; numpy has no erf, and scipy's is no faster): GELU's error stays
    at float32 rounding."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    tail = poly * np.exp(-z * z)
    return np.copysign(1.0 - tail, x)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x * np.float32(1.0 / math.sqrt(2.0))))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


# Tokens (rows × padded length) one forward pass takes: a pass's activations then stay in the core's cache. On the
# 2-core bench machine one pass of 32 questions cost ~15 ms a question, passes of ~190 tokens ~8 ms (and one
# question alone ~12 ms: the weights are read once a pass, whatever its size).
PASS_TOKENS = 192


def _groups(lengths: list[int], budget: int = PASS_TOKENS) -> list[list[int]]:
    """The texts' indexes in forward passes: by length (little padding), each pass within ``budget`` padded tokens
    (a longer text passes alone)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    groups: list[list[int]] = []
    for i in order:
        if groups and (len(groups[-1]) + 1) * lengths[i] <= budget:
            groups[-1].append(i)  # sorted: this text is the group's longest, so it sets the padded length
        else:
            groups.append([i])
    return groups


class NumpyBert:
    """``encode(texts) -> (n, dim) float32``, normalized: the sentence model over numpy arrays."""

    def __init__(self, model_dir: Path):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        st_config_path = model_dir / "sentence_bert_config.json"
        st_config = json.loads(st_config_path.read_text(encoding="utf-8")) if st_config_path.is_file() else {}
        self.max_len = min(int(st_config.get("max_seq_length") or 512), int(config["max_position_embeddings"]))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_len)
        self.tokenizer.no_padding()
        w = load_file(str(model_dir / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv_w), qkv_b,
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))
        self.dim = self.word.shape[1]

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for group in _groups([len(e.ids) for e in encodings]):
            out[group] = self._encode_ids([encodings[i].ids for i in group])
        return out

    def _encode_ids(self, rows: list[list[int]]) -> np.ndarray:
        length = max(len(ids) for ids in rows)
        ids = np.zeros((len(rows), length), dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.float32)
        for row, token_ids in enumerate(rows):
            ids[row, :len(token_ids)] = token_ids
            mask[row, :len(token_ids)] = 1.0
        hidden = self._forward(ids, mask)
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        n, length = ids.shape
        heads, head_dim, dim = self.heads, self.dim // self.heads, self.dim
        x = (self.word[ids] + self.position[:length][None, :, :] + self.token_type).reshape(n * length, dim)
        x = _layer_norm(x, *self.emb_norm, self.eps)
        bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        scale = np.float32(1.0 / math.sqrt(head_dim))
        for qkv_w, qkv_b, out_w, out_b, norm1, in_w, in_b, ff_w, ff_b, norm2 in self.layers:
            # rows are (sequence, token) pairs: every dense layer is one 2-D product over all of them
            qkv = (x @ qkv_w + qkv_b).reshape(n, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
            q, k, v = np.ascontiguousarray(qkv[0]), np.ascontiguousarray(qkv[1]), np.ascontiguousarray(qkv[2])
            scores = np.matmul(q, k.transpose(0, 1, 3, 2)) * scale + bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            attention = scores / scores.sum(axis=-1, keepdims=True)
            context = np.matmul(attention, v).transpose(0, 2, 1, 3).reshape(n * length, dim)
            x = _layer_norm(context @ out_w + out_b + x, *norm1, self.eps)
            x = _layer_norm(_gelu(x @ in_w + in_b) @ ff_w + ff_b + x, *norm2, self.eps)
        return x.reshape(n, length, dim)
