"""Clean: split raw article text into typed sections and build the text the NLP sees."""
from .captions import refine as refine_captions
from .header import parse_header
from .sections import Segmentation, nlp_text, segment

__all__ = ["Segmentation", "nlp_text", "parse_header", "refine_captions", "segment"]
