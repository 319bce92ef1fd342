"""kg.reader: files and lines in, Articles (or one-line ReadProblems) out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import SEEDS

from kg.errors import KgError
from kg.model import Article
from kg.reader import (
    ReadProblem,
    article_from_text,
    decode_text,
    find_article_files,
    read_articles,
    read_jsonl,
    read_txt,
)

SEED_000 = SEEDS / "000_c20a2a638c888c93.txt"
SEED_002 = SEEDS / "002_a7c6e613c5bcb955.txt"


# --------------------------------------------------------------------------- headline / body


def test_headline_end_simple():
    text = "العنوان هنا\nالجملة الأولى. الجملة الثانية."
    article = article_from_text("d", text)
    assert article.title == "العنوان هنا"
    assert article.headline_end == len("العنوان هنا")
    assert text[:article.headline_end] == article.title
    assert article.text == text


def test_headline_end_skips_leading_blank_lines_and_crlf():
    text = "\n  \r\nالعنوان  \r\n\r\nالنص."
    article = article_from_text("d", text)
    assert article.title == "العنوان"
    # headline_end is where the headline's line ends (before its line break)
    assert text[:article.headline_end].endswith("العنوان  ")
    assert text[article.headline_end:].startswith("\r\n")


def test_headline_of_seed_files():
    a2 = read_txt(SEED_002)
    assert isinstance(a2, Article)
    assert a2.title == "تركيا وروسيا تتفقان على ضرورة التهدئة في إدلب"
    assert a2.text[:a2.headline_end] == a2.title
    a0 = read_txt(SEED_000)
    assert isinstance(a0, Article)
    assert a0.text[:a0.headline_end].strip() == a0.title
    assert a0.title.startswith("روسيا تنسق مع تركيا وإيران")


def test_title_metadata_is_prefixed_when_text_lacks_it():
    article = article_from_text("d", "النص.", title="العنوان")
    assert article.text == "العنوان\nالنص."
    assert article.headline_end == len("العنوان")
    article = article_from_text("d", "العنوان\nالنص.", title="العنوان")
    assert article.text == "العنوان\nالنص."


def test_sentences_know_headline_from_body(pipeline):
    article = read_txt(SEED_002)
    result = pipeline(article)
    assert result.sentences[0].section == "headline"
    assert result.sentences[0].end <= article.headline_end
    assert all(s.section == "body" for s in result.sentences[1:])


# --------------------------------------------------------------------------- dates


def test_article_date_from_text():
    article = read_txt(SEED_002)
    assert article.date == dt.date(2020, 2, 8)
    assert article.date_source == "text"


def test_article_without_date():
    article = read_txt(SEED_000)
    assert article.date is None
    assert article.date_source == "none"


def test_metadata_date_fallback():
    article = article_from_text("d", "العنوان\nقالت الوزارة إن روسيا تنسق مع تركيا.", metadata_date=dt.date(2021, 5, 3))
    assert article.date == dt.date(2021, 5, 3)
    assert article.date_source == "metadata"


def test_text_date_wins_over_metadata():
    text = SEED_002.read_text(encoding="utf-8")
    article = article_from_text("d", text, metadata_date=dt.date(1999, 1, 1))
    assert article.date == dt.date(2020, 2, 8)
    assert article.date_source == "text"


# --------------------------------------------------------------------------- decoding


def test_decode_strips_bom():
    assert decode_text("\ufeffروسيا".encode("utf-8"), "x") == "روسيا"


def test_bom_file_reads_like_plain_file(tmp_path):
    plain = tmp_path / "plain.txt"
    bom = tmp_path / "bom.txt"
    text = "العنوان\nقالت الوزارة إن روسيا تنسق مع تركيا."
    plain.write_bytes(text.encode("utf-8"))
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    a, b = read_txt(plain), read_txt(bom)
    assert isinstance(b, Article)
    assert b.text == a.text == text
    assert b.title == a.title == "العنوان"
    assert b.headline_end == a.headline_end


def test_bom_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "x", "text": "روسيا تنسق مع تركيا"}).encode("utf-8") + b"\n")
    items = list(read_jsonl(path))
    assert len(items) == 1 and isinstance(items[0], Article) and items[0].doc_id == "x"


@pytest.mark.parametrize("data, needle", [
    (b"ab\x00cd", "binary"),
    ("café".encode("latin-1"), "not UTF-8"),
    ("روسيا".encode("cp1256"), "not UTF-8"),
    (b"", "empty"),
    (b" \n\t\r\n", "empty"),
    (b"\xef\xbb\xbf  \n", "empty"),
])
def test_decode_errors(data, needle):
    with pytest.raises(KgError) as info:
        decode_text(data, "src.txt")
    message = str(info.value)
    assert message.startswith("src.txt: ") and needle in message
    assert "\n" not in message


@pytest.mark.parametrize("data, needle", [
    (b"\x00\x01", "binary"),
    ("café".encode("latin-1"), "not UTF-8"),
    (b"   ", "empty"),
])
def test_read_txt_problems(tmp_path, data, needle):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    problem = read_txt(path)
    assert isinstance(problem, ReadProblem)
    assert problem.source == str(path)
    assert needle in problem.reason
    assert str(problem) == f"{path}: {problem.reason}"
    assert str(path) not in problem.reason  # the path is not repeated


# --------------------------------------------------------------------------- jsonl


def test_read_jsonl_records_and_problems(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "title": "عنوان", "text": "روسيا تنسق مع تركيا", "date": "2020-02-08",
                    "url": "https://example.org/a"}, ensure_ascii=False),
        "",
        "{oops",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "روسيا تنسق مع إيران", "date": "not a date"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    items = list(read_jsonl(path))
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, ReadProblem)]
    assert [a.doc_id for a in articles] == ["a", "news.jsonl#6"]
    first = articles[0]
    assert first.title == "عنوان" and first.url == "https://example.org/a"
    assert first.date == dt.date(2020, 2, 8) and first.date_source == "metadata"
    assert first.source_path == f"{path}:1"
    assert articles[1].date is None and articles[1].date_source == "none"
    assert [p.source for p in problems] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "invalid JSON" in problems[0].reason
    assert "text" in problems[1].reason and "text" in problems[2].reason


def test_read_jsonl_metadata_datetime(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "روسيا تنسق مع تركيا", "date": "2020-03-01T10:00:00Z"}),
                    encoding="utf-8")
    (article,) = list(read_jsonl(path))
    assert article.date == dt.date(2020, 3, 1)


def test_read_jsonl_binary(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\x00\x00")
    (problem,) = list(read_jsonl(path))
    assert isinstance(problem, ReadProblem) and "binary" in problem.reason


def test_read_articles_dispatches_by_suffix(tmp_path):
    (tmp_path / "a.txt").write_text("روسيا تنسق مع تركيا", encoding="utf-8")
    (tmp_path / "b.JSONL").write_text(json.dumps({"id": "j", "text": "نص"}), encoding="utf-8")
    items = list(read_articles(find_article_files(tmp_path)))
    assert [i.doc_id for i in items] == ["a.txt", "j"]


# --------------------------------------------------------------------------- find_article_files


def test_find_article_files_sorted_and_recursive(tmp_path):
    for name in ["c.txt", "a.jsonl", "sub/b.txt", "B.TXT", "notes.md", "data.csv"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    (tmp_path / "dir.txt").mkdir()  # a directory named like an article is not one
    files = find_article_files(tmp_path)
    assert files == sorted(files)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["B.TXT", "a.jsonl", "c.txt", "sub/b.txt"]


def test_find_article_files_single_file(tmp_path):
    path = tmp_path / "whatever.md"
    path.write_text("x", encoding="utf-8")
    assert find_article_files(path) == [path]


def test_find_article_files_seeds():
    files = find_article_files(SEEDS)
    assert [p.name for p in files] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(files) == 2


def test_find_article_files_missing(tmp_path):
    with pytest.raises(KgError, match="no such file"):
        find_article_files(tmp_path / "nope")


def test_find_article_files_no_articles(tmp_path):
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    with pytest.raises(KgError, match="no articles found"):
        find_article_files(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(KgError, match="no articles found"):
        find_article_files(empty)
