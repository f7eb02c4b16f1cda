"""Glossary model, loading and compilation (CONTRACTS §1)."""
from .model import KINDS, Entry, Glossary, GlossaryError, slug
from .load import load_glossaries, load_file, default_glossary_path
from .compile import CompiledGlossary, compile_glossary

__all__ = ["KINDS", "Entry", "Glossary", "GlossaryError", "slug", "load_glossaries", "load_file",
           "default_glossary_path", "CompiledGlossary", "compile_glossary"]
