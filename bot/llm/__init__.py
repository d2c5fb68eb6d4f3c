"""Language models that write answers: a local llama.cpp model in-process, or an OpenAI-compatible endpoint."""
