"""Property tests (hypothesis): whatever the text, every offset kg records
points into it, and the text at those offsets is what the record says.

Texts are drawn from Arabic letters, diacritics, tatweel, Arabic-Indic digits,
Latin, punctuation and white space; the pipeline's texts are sentences built
from gazetteer names, trigger words and glue, so that extractors fire. The
runs are derandomised (same examples every run, no example database), so CI
cannot flake.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.reader import article_from_text
from kg.text import MAX_SENTENCE_CHARS, normalize, normalize_with_offsets, split_sentences, tokenize

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=300,
                    suppress_health_check=[HealthCheck.too_slow])
PIPELINE = settings(derandomize=True, database=None, deadline=None, max_examples=40,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "ءآأؤإئةى" "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640"
    "٠١٢٣٤٥٦٧٨٩0123456789" "abcXYZ" ".،,؛;:!?؟…\"'«»()-+/" " \t\n\r\u00a0\u200f" "\ufdfc\ufdfd"
)
texts = st.text(alphabet=ALPHABET, max_size=400)

WORDS = ["روسيا", "وروسيا", "تركيا", "لتركيا", "إيران", "إدلب", "بإدلب", "أنقرة", "موسكو", "الرئيس", "التركي",
         "الروسي", "وزير", "الخارجية", "وزارة", "الروسية", "بوتين", "وإردوغان", "أردوغان", "الجيش", "السوري",
         "قوات", "النظام", "تنسق", "مع", "هددت", "هاجم", "قصفت", "اتفق", "التقى", "زار", "دعا", "حذر", "أمهلت",
         "على", "في", "من", "إن", "قال", "أمس", "السبت", "8", "فبراير", "2020", "مقتل", "مسلحون", "مجهولون",
         "وزير الخارجية التركي مولود جاويش أوغلو", "الرئيس السوري بشار الأسد", "محافظة", "حلب", "مدينة"]
GLUE = [" ", " ", " ", "، ", ". ", ".\n", "\n", " و", "؟ ", " (", ") ", " «", "» "]
sentences = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), min_size=1, max_size=40).map(
    lambda pairs: "".join(word + glue for word, glue in pairs))


@PROPERTY
@given(texts)
def test_normalize_with_offsets_points_back_into_the_text(text):
    folded, origin = normalize_with_offsets(text)
    assert folded == normalize(text)
    assert len(origin) == len(folded)
    assert all(0 <= i < len(text) for i in origin)
    assert origin == sorted(origin)
    for out_char, index in zip(folded, origin):
        assert out_char in normalize(text[index])


@PROPERTY
@given(texts, st.integers(min_value=0, max_value=10_000))
def test_tokens_are_slices_of_the_text(text, offset):
    previous_end = offset
    for token in tokenize(text, offset=offset):
        assert text[token.start - offset:token.end - offset] == token.text
        assert token.start >= previous_end and token.end > token.start
        assert not any(c.isspace() for c in token.text)
        assert token.norm == normalize(token.text)
        previous_end = token.end


@PROPERTY
@given(texts, st.integers(min_value=0, max_value=400))
def test_sentences_and_their_tokens_are_slices_of_the_text(text, headline_end):
    found = split_sentences(text, headline_end)
    previous_end = 0
    for number, sentence in enumerate(found):
        assert sentence.index == number
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.start >= previous_end and sentence.end - sentence.start <= MAX_SENTENCE_CHARS
        for token in sentence.tokens:
            assert sentence.start <= token.start < token.end <= sentence.end
            assert text[token.start:token.end] == token.text
        previous_end = sentence.end
    covered = {i for s in found for i in range(s.start, s.end)}
    for index, char in enumerate(text):  # no letter is lost between sentences
        if char.isalpha():
            assert index in covered, (index, char)


@settings(derandomize=True, database=None, deadline=None, max_examples=20)
@given(st.integers(min_value=MAX_SENTENCE_CHARS + 1, max_value=6 * MAX_SENTENCE_CHARS), st.sampled_from(["، ", " ", ""]))
def test_a_line_without_sentence_punctuation_is_cut_into_bounded_pieces(length, glue):
    text = ("روسيا" + glue) * (length // (5 + len(glue)) + 1)
    found = split_sentences(text[:length])
    assert len(found) >= 2
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in found)
    assert "".join(text[s.start:s.end] for s in found).replace(" ", "") == text[:length].replace(" ", "")


def _check_span(text: str, span) -> None:
    assert span is not None
    assert 0 <= span.start < span.end <= len(text)
    assert text[span.start:span.end] == span.text


@PIPELINE
@given(sentences, sentences)
def test_extractor_records_point_at_their_text(pipeline, gazetteer, title, body):
    """Mentions, relations, events and the JSON records of the exports: every
    offset slices the article to exactly the text the record gives."""
    from kg.export.events import event_record
    from kg.export.triples import triple_record

    article = article_from_text("prop", body, title=title.strip())
    result = pipeline(article)
    text = article.text
    for sentence in result.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    for mention in result.mentions:
        sentence = result.sentences[mention.sentence]
        assert sentence.start <= mention.start < mention.end <= sentence.end
        assert text[mention.start:mention.end] == mention.text
    for relation in result.relations:
        for span in (relation.trigger, relation.subject, relation.object):
            _check_span(text, span)
        record = triple_record(result, relation, gazetteer)
        json.dumps(record, ensure_ascii=False)
        for key, field in (("trigger", "trigger"), ("s", "s_text"), ("o", "o_text")):
            start, end = record["offsets"][key]
            assert text[start:end] == record[field]
        start, end = record["offsets"]["sentence"]
        assert text[start:end] == record["sentence"]
    for event in result.events:
        _check_span(text, event.trigger)
        for span in (event.subject, event.object):
            if span is not None:
                _check_span(text, span)
        record = event_record(result, event, gazetteer)
        assert text[record["trigger"]["start"]:record["trigger"]["end"]] == record["trigger"]["text"]
        start, end = record["sentence_offsets"]
        assert text[start:end] == record["sentence"]
