"""Reading inputs: formats, identity, and every kind of bad input (never fatal, always named)."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json

import pytest

from wiresift.ingest import article_id, content_hash, read_articles
from wiresift.ingest.limits import MAX_CHARS, MAX_LINE_BYTES
from wiresift.records import Article, IngestError

STORY = "Foreign ministers met in Geneva on Monday to discuss a ceasefire, officials said."


def read(*paths, stdin=None):
    items = list(read_articles([str(p) for p in paths], stdin=stdin))
    return [x for x in items if isinstance(x, Article)], [x for x in items if isinstance(x, IngestError)]


# -- formats --------------------------------------------------------------------------------------

def test_plain_text_with_header(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f" date 2025-03-04 {STORY}\n\nSecond paragraph.", encoding="utf-8")
    arts, errs = read(f)
    assert not errs
    (a,) = arts
    assert a.published == dt.date(2025, 3, 4) and a.published_origin == "header"
    assert a.text.startswith(" date 2025-03-04") and a.format == "text"


def test_plain_text_without_header_has_missing_date(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text(STORY, encoding="utf-8")
    (a,), _ = read(f)
    assert a.published is None and a.published_origin == "missing"


def test_jsonl_fields_and_unknown_fields_kept(tmp_path):
    f = tmp_path / "feed.jsonl"
    rows = [
        {"id": "x1", "text": STORY, "title": "T", "url": "https://ex.com/a?utm_source=tw", "outlet": "Ex",
         "published": "2025-02-01T10:00:00Z", "section": "world", "tags": ["a"]},
        {"id": "x2", "text": "Other story about a summit in Doha.", "source": "Wire", "date": "20250203"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    arts, errs = read(f)
    assert not errs and len(arts) == 2
    a, b = arts
    assert (a.source_id, a.title, a.outlet, a.published) == ("x1", "T", "Ex", dt.date(2025, 2, 1))
    assert a.extra == {"section": "world", "tags": ["a"]}
    assert a.locator == "line 1" and b.locator == "line 2"
    assert b.outlet == "Wire" and b.published == dt.date(2025, 2, 3)


def test_json_array_file(tmp_path):
    f = tmp_path / "items.json"
    f.write_text(json.dumps([{"id": 1, "text": STORY}, {"id": 2, "text": "Another one."}]), encoding="utf-8")
    arts, errs = read(f)
    assert len(arts) == 2 and not errs


HTML = """<!DOCTYPE html><html><head><title>Ministers meet in Geneva</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-05-06T08:00:00Z"></head>
<body><nav><a href="/">Home</a><a href="/world">World</a></nav>
<article><h1>Ministers meet in Geneva</h1>
<p>Foreign ministers from both countries met in Geneva on Monday to discuss a ceasefire, officials said after the talks ended.</p>
<p>The talks lasted six hours and will resume next week, according to a joint statement issued by the two delegations.</p>
<p>Neither side gave details of the proposals discussed, but diplomats described the mood as constructive and businesslike.</p>
</article><footer>Cookie notice. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    (a,), errs = read(f)
    assert not [e for e in errs if e.severity == "error"]
    assert "Foreign ministers from both countries met in Geneva" in a.text
    assert "Cookie notice" not in a.text and "Home" not in a.text.split("\n")[0]
    assert a.title == "Ministers meet in Geneva"
    assert a.published == dt.date(2025, 5, 6) and a.outlet == "Example News"


def test_html_is_detected_by_content_even_with_a_txt_name(tmp_path):
    f = tmp_path / "saved.txt"
    f.write_text(HTML, encoding="utf-8")
    (a,), _ = read(f)
    assert a.format == "html"


def _warc(records: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for uri, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    return buf.getvalue()


def test_warc_gz_response_records(tmp_path):
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(_warc([("https://ex.com/1", HTML), ("https://ex.com/2", HTML.replace("Geneva", "Vienna"))]))
    arts, errs = read(f)
    assert [a.url for a in arts] == ["https://ex.com/1", "https://ex.com/2"]
    assert arts[0].format == "warc" and arts[0].locator == "record 1"
    assert not [e for e in errs if e.severity == "error"]


def test_directory_recursion_skips_readme_and_hidden(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text(STORY)
    (tmp_path / "two.txt").write_text("A second story about talks in Oman.")
    (tmp_path / "README.md").write_text("# these are samples")
    (tmp_path / ".hidden.txt").write_text("nope")
    arts, errs = read(tmp_path)
    assert sorted(a.origin.rsplit("/", 1)[-1] for a in arts) == ["one.txt", "two.txt"] and not errs


def test_glob_and_stdin(tmp_path):
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(f"Story number {i} about a meeting.")
    arts, _ = read(tmp_path / "s*.txt")
    assert len(arts) == 3
    arts, _ = read("-", stdin=io.BytesIO(json.dumps({"id": "q", "text": STORY}).encode()))
    assert arts[0].origin == "<stdin>" and arts[0].format == "jsonl"


# -- identity ------------------------------------------------------------------------------------

def test_ids_ignore_whitespace_case_and_quote_style_but_not_urls():
    a = "Putin said “no” to the plan.\n\nIt was Tuesday."
    b = "putin said \"no\" to the plan. It was   Tuesday."
    assert article_id(a) == article_id(b) and content_hash(a) == content_hash(b)
    assert article_id(a, "https://x.com/1") != article_id(a, "https://y.com/1")
    assert article_id(a, "https://x.com/1?utm_source=tw") == article_id(a, "HTTPS://X.com/1/")


# -- bad input: one clear error each, the rest still read ---------------------------------------

def test_bad_inputs_each_give_one_named_error_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n  ")
    (tmp_path / "image.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4)
    (tmp_path / "broken.html").write_text("<html><body><div><p></div></body>")
    jl = tmp_path / "feed.jsonl"
    jl.write_bytes(b'{"id": 1, "text": "A good line about talks."}\n'
                   b'{"id": 2, "text": "truncated...\n'
                   b'[1, 2, 3]\n'
                   b'{"id": 4, "title": "no text"}\n'
                   b'{"id": 5, "text": "Another good line about a summit."}\n')
    arts, errs = read(tmp_path)
    names = sorted(a.origin.rsplit("/", 1)[-1] + (":" + a.locator if a.locator else "") for a in arts)
    assert names == ["feed.jsonl:line 1", "feed.jsonl:line 5", "good.txt"]
    msgs = {f"{e.origin.rsplit('/', 1)[-1]}:{e.locator}": e.reason for e in errs}
    assert msgs["empty.txt:None"] == "empty file"
    assert msgs["blank.txt:None"] == "empty file"
    assert msgs["image.jpg:None"].startswith("binary file")
    assert msgs["broken.html:None"] == "no article text found in HTML"
    assert msgs["feed.jsonl:line 2"] == "malformed JSON"
    assert msgs["feed.jsonl:line 3"] == "not a JSON object"
    assert msgs["feed.jsonl:line 4"] == "no article text"
    assert all(str(e).startswith(str(tmp_path)) for e in errs)


def test_undecodable_bytes_are_repaired_and_reported_with_the_line(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Line one is fine.\nLine two has a caf".encode() + b"\xe9 in it.\n")
    (a,), (e,) = read(f)
    assert e.severity == "warning" and e.reason == "undecodable bytes" and e.locator == "line 2"
    assert "\ufffd" in a.text


@pytest.mark.parametrize("cut", [0.52 + i / 40 for i in range(19)])  # 0.5 may end exactly between records
def test_truncated_warc_keeps_records_before_the_damage(tmp_path, cut):
    data = _warc([("https://ex.com/1", HTML), ("https://ex.com/2", HTML.replace("Geneva", "Oslo"))])
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(data[: int(len(data) * cut)])
    arts, errs = read(f)
    assert [a.url for a in arts] == ["https://ex.com/1"]
    bad = [e for e in errs if e.severity == "error"]
    assert len(bad) == 1 and "WARC" in bad[0].reason and bad[0].locator.startswith("record")


def test_fifty_megabyte_single_line(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.write(b"word " * (10 * 1024 * 1024))  # 50 MB, no newline
    jl = tmp_path / "huge.jsonl"
    with open(jl, "wb") as fh:
        fh.write(b'{"id": 1, "text": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}\n')
        fh.write(b'{"id": 2, "text": "Still read after the huge line."}\n')
    arts, errs = read(big, jl)
    assert [a.locator for a in arts] == ["line 2"]
    reasons = {e.origin.rsplit("/", 1)[-1]: (e.reason, e.locator) for e in errs}
    assert reasons["huge.txt"][0] == "article too long"
    assert reasons["huge.jsonl"] == ("line too long", "line 1")


def test_text_over_the_character_limit_is_skipped_not_truncated(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("a" * (MAX_CHARS + 1))
    arts, (e,) = read(f)
    assert not arts and e.reason == "article too long" and "not truncated" in e.detail


def test_missing_paths_and_empty_globs_are_named(tmp_path):
    _, errs = read(tmp_path / "nope.txt", tmp_path / "*.zzz")
    assert [e.reason for e in errs] == ["no such file or directory", "no files match this pattern"]


def test_gzipped_jsonl(tmp_path):
    f = tmp_path / "feed.jsonl.gz"
    f.write_bytes(gzip.compress(json.dumps({"id": 1, "text": STORY}).encode() + b"\n"))
    (a,), errs = read(f)
    assert a.text == STORY and not errs


@pytest.mark.parametrize("value", ["yesterday", "2025-02-30"])
def test_bad_published_field_is_a_warning_and_the_article_is_kept(tmp_path, value):
    f = tmp_path / "d.jsonl"
    f.write_text(json.dumps({"id": 1, "text": STORY, "published": value}) + "\n")
    (a,), (e,) = read(f)
    assert a.published is None and a.published_origin == "missing"
    assert e.severity == "warning" and e.reason == "bad published date" and e.locator == "line 1"
