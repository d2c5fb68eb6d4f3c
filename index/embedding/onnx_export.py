"""Export the provisioned multilingual-e5-small to ONNX once (mean pooling and normalisation inside the graph)."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from index.embedding.provision import e5_folder, provision_e5
from index.errors import ModelUnavailableError

ONNX_FILE = "model.onnx"
# The weights beside the graph: ONNX Runtime maps this file instead of copying it, so loading peaks at a
# fraction of the memory (146 MB instead of 896 MB measured) and only the embedding rows used are read.
ONNX_DATA = "model.onnx.data"
# The export with its weights quantised to int8 (118 MB, in INT8_DATA beside the graph, mapped like
# ONNX_DATA): made from the fp32 export.
INT8_FILE = "model-int8.onnx"
INT8_DATA = "model-int8.onnx.data"
# Bump when the exported files change, so old exports are redone.
_ONNX_VERSION = "2"
_MARKER = ".newsdesk-onnx-version"
_INT8_MARKER = ".newsdesk-int8-version"
_OPSET = 17


def onnx_file(cache_dir: Path) -> Path:
    """Where the exported model lives under `cache_dir`."""
    return e5_folder(cache_dir) / ONNX_FILE


def is_exported(cache_dir: Path) -> bool:
    """True if a current ONNX export sits in the provisioned model folder."""
    marker = e5_folder(cache_dir) / _MARKER
    complete = onnx_file(cache_dir).is_file() and (e5_folder(cache_dir) / ONNX_DATA).is_file()
    return complete and marker.is_file() and marker.read_text() == _ONNX_VERSION


def provision_onnx(cache_dir: Path, force: bool = False) -> Path:
    """Provision the model folder and export its ONNX graph if missing (needs torch once); the file's path."""
    folder = provision_e5(cache_dir, force=force)
    if is_exported(cache_dir) and not force:
        return onnx_file(cache_dir)
    try:
        import torch  # noqa: F401  # only to give a clear message before the export's own imports
    except ImportError as exc:
        raise ModelUnavailableError(
            f"{onnx_file(cache_dir)} is missing and exporting it needs torch once: "
            "pip install torch==2.13.0, then run `newsdesk model install` "
            "(or set NEWSDESK_EMBEDDER=torch)"
        ) from exc
    (folder / _MARKER).unlink(missing_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".onnx-", dir=folder))
    try:
        _export(folder, staging / "traced.onnx")
        _weights_beside(staging / "traced.onnx", staging / ONNX_FILE)
        # New files replace old ones by rename: a process still using the old mapping keeps its copy.
        os.replace(staging / ONNX_DATA, folder / ONNX_DATA)
        os.replace(staging / ONNX_FILE, folder / ONNX_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    (folder / _MARKER).write_text(_ONNX_VERSION)
    return onnx_file(cache_dir)


def provision_int8(cache_dir: Path, force: bool = False) -> Path:
    """The fp32 export (provisioned if needed) quantised to int8 once, dynamically and per output channel.

    Without AVX-512 VNNI, ONNX Runtime's int8 matrix products still took 0.65-0.75 of the fp32 time on
    this 2-core AVX2 machine; vectors keep a cosine of 0.98 or more to fp32's (mean 0.996).
    """
    source = provision_onnx(cache_dir, force=force)
    folder = e5_folder(cache_dir)
    marker, target = folder / _INT8_MARKER, folder / INT8_FILE
    complete = target.is_file() and (folder / INT8_DATA).is_file()
    if complete and marker.is_file() and marker.read_text() == _ONNX_VERSION and not force:
        return target
    from onnxruntime.quantization import QuantType, quantize_dynamic

    marker.unlink(missing_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".int8-", dir=folder))
    try:
        logging.disable(logging.WARNING)  # it logs advice on pre-processing to the root logger
        try:
            quantize_dynamic(
                source, staging / "quantised.onnx", weight_type=QuantType.QInt8, per_channel=True
            )
        finally:
            logging.disable(logging.NOTSET)
        _weights_beside(staging / "quantised.onnx", staging / INT8_FILE, INT8_DATA)
        os.replace(staging / INT8_DATA, folder / INT8_DATA)
        os.replace(staging / INT8_FILE, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    marker.write_text(_ONNX_VERSION)
    return target


def provision_precision(cache_dir: Path, precision: str, force: bool = False) -> Path:
    """The ONNX file of the model at `precision` (fp32: the export; int8: the export quantised)."""
    return provision_int8(cache_dir, force) if precision == "int8" else provision_onnx(cache_dir, force)


def _weights_beside(traced: Path, target: Path, data: str = ONNX_DATA) -> None:
    """Rewrite a self-contained ONNX file as `target` with its weights in `data` beside it."""
    import onnx

    model = onnx.load(str(traced))
    onnx.save(
        model,
        str(target),
        save_as_external_data=True,
        all_tensors_to_one_file=True,
        location=data,
        size_threshold=1024,
    )


def _export(folder: Path, target: Path) -> None:
    """Trace the transformer with mean pooling and L2 normalisation into one ONNX graph at `target`."""
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # unannotated in transformers
    model = AutoModel.from_pretrained(folder, local_files_only=True).eval()

    class Pooled(torch.nn.Module):
        """last_hidden_state -> masked mean -> unit length, as sentence-transformers' modules do."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            """Embeddings (batch, hidden) of padded token ids."""
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    ids = torch.tensor([[0, 100, 200, 2], [0, 5, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    # The tracer warns about shape checks it folds into constants; they hold for every (ids, mask) pair.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled().eval(),
            (ids, mask),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={**axes, "embedding": {0: "batch"}},
            opset_version=_OPSET,
            dynamo=False,  # the TorchScript exporter, whose graph matched torch to cosine 0.9999
        )
