"""Measurements of answer quality: question sets with expected facts, and XQuAD answer sentences."""
