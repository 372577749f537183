"""Parse: run spaCy over the cleaned text of each article.

Cleaning blanks out noise (credits, tags, unrelated lines, the date header) with spaces, so
the text spaCy sees has the same length as the original and every token offset is already
an offset into the article as ingested. No offset mapping is needed anywhere downstream.
"""
from .models import load_model, model_label
from .docs import doc_text, make_doc, parse_docs, text_of

__all__ = ["load_model", "model_label", "doc_text", "make_doc", "parse_docs", "text_of"]
