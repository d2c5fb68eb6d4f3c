"""Persistence: SQLite for articles, chunks and keywords; FAISS for vectors; the manifest tying them to a model."""
