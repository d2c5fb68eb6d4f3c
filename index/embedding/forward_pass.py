"""The exported model's forward pass on a runtime: ONNX Runtime (quickest for one text) or OpenVINO (for batches).

Measured on the 2-core AVX2 machine, each runtime alone in its own process over the same fp32 export: OpenVINO
embedded 160 chunks and 600 sentences in about 0.4x ONNX Runtime's time with the same vectors (cosine
≥ 0.99998), but a single question took longer (21-54 ms against 16-19 ms) and its peak RSS was ~500 MB
higher. ONNX Runtime's int8 graph ran slower under OpenVINO than under ONNX Runtime, and an NNCF-quantised int8
model was no faster than OpenVINO's fp32 without VNNI, so OpenVINO runs the fp32 export only.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from index.errors import ModelUnavailableError

if TYPE_CHECKING:
    import openvino

Runtime = Literal["onnxruntime", "openvino"]


class ForwardPass(Protocol):
    """Token ids and their attention mask in, one pooled unit vector per row out."""

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """The model's sentence vectors for a padded batch (int64 inputs of shape rows × width)."""
        ...


def open_forward_pass(runtime: Runtime, path: Path, threads: int) -> ForwardPass:
    """The model file at `path` loaded on `runtime` with `threads` threads (raises ModelUnavailableError)."""
    try:
        if runtime == "openvino":
            return _OpenVinoPass(path, threads)
        return _OnnxRuntimePass(path, threads)
    except ImportError as exc:
        raise ModelUnavailableError(
            f"the {runtime} package is not installed: `pip install {runtime}` or set "
            "NEWSDESK_EMBEDDER_BATCH_RUNTIME=onnxruntime"
        ) from exc
    except Exception as exc:  # both runtimes raise their own untyped exceptions for a bad file
        raise ModelUnavailableError(
            f"cannot load {path} on {runtime}: {exc}; run `newsdesk model install --force`"
        ) from exc


class _OnnxRuntimePass:
    """An ONNX Runtime session on the CPU (its run() may be called from several threads at once)."""

    def __init__(self, path: Path, threads: int) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """One session run."""
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        out: np.ndarray = self._session.run(None, feeds)[0]
        return out


class _OpenVinoPass:
    """An OpenVINO model compiled for the CPU, with an infer request per calling thread (requests are not
    thread-safe; the compiled model is)."""

    def __init__(self, path: Path, threads: int) -> None:
        import openvino

        self._model = openvino.Core().compile_model(
            str(path), "CPU", {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY"}
        )
        self._output = self._model.output(0)
        self._local = threading.local()

    def _request(self) -> openvino.InferRequest:
        """This thread's infer request (made on its first call)."""
        request: openvino.InferRequest | None = getattr(self._local, "request", None)
        if request is None:
            request = self._local.request = self._model.create_infer_request()
        return request

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """One inference; the output is copied out of the request's buffer."""
        result = self._request().infer({"input_ids": input_ids, "attention_mask": attention_mask})
        return np.array(result[self._output], dtype=np.float32, copy=True)
