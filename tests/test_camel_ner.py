"""camel-ner (camel-tools' NERecognizer) and the shared model-to-mention helper.

No pretrained model is available here and nothing may be downloaded, so the
model tests build a tiny BERT token classifier themselves: a word-level
WordPiece vocabulary of the test's own words, the label set camel-tools'
ANERcorp model uses, trained for a few steps until it tags the test
sentences as told. It is then loaded by camel-tools' real NERecognizer
from a folder, as an analyst's model would be. The network is switched off
for the whole module, so any attempt to fetch something fails the tests.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kg.extractors.camel_ner import MODEL_ENV, NOT_INSTALLED, CamelNerExtractor, bio_spans
from kg.extractors.model_mentions import PredictedSpan, mentions_from_spans, proclitic_chars
from kg.errors import KgError
from kg.naming import discovered_id
from kg.pipeline import Pipeline
from kg.reader import article_from_text
from kg.registry import entity_extractors
from kg.text import Sentence, split_sentences, tokenize

from conftest import REPO, SEEDS, assert_one_line_error, run_kg

# camel-tools' ANERcorp labels, in its order
LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

# (sentence, BIO tag of each token as kg splits it)
TRAINING = [
    ("التقى سامر خليل في لبنان .", "O B-PERS I-PERS O B-LOC O"),
    ("وهاجمت قوات الفجر الجديد بلدة نوران ، بعد كأس العالم .", "O B-ORG I-ORG I-ORG O B-LOC O O B-MISC I-MISC O"),
]


@pytest.fixture(scope="module", autouse=True)
def offline():
    """No connection may even be tried while these tests run, and camel-tools
    sees an empty data folder whatever the machine has installed."""

    def refuse(*args, **kwargs):
        raise AssertionError("camel-ner tried to use the network")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        yield patch


@pytest.fixture(scope="module")
def empty_camel_data(tmp_path_factory, offline) -> Path:
    folder = tmp_path_factory.mktemp("camel_data")
    offline.setenv("CAMELTOOLS_DATA", str(folder))
    offline.delenv(MODEL_ENV, raising=False)
    return folder


def _token_texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory, empty_camel_data) -> Path:
    """A 1-layer, 16-wide BERT tagger trained to tag TRAINING as told."""
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    sentences = [(_token_texts(text), tags.split()) for text, tags in TRAINING]
    for words, tags in sentences:
        assert len(words) == len(tags), words
    vocabulary = SPECIAL + sorted({w for words, _ in sentences for w in words})
    tokenizer = BertTokenizer(vocab={piece: i for i, piece in enumerate(vocabulary)}, do_lower_case=False)
    config = BertConfig(vocab_size=len(vocabulary), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=256,
                        id2label=dict(enumerate(LABELS)), label2id={label: i for i, label in enumerate(LABELS)})
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    batch = tokenizer([words for words, _ in sentences], is_split_into_words=True, padding=True, return_tensors="pt")
    targets = torch.tensor([
        [-100 if w is None else LABELS.index(tags[w]) for w in batch.word_ids(i)]
        for i, (_, tags) in enumerate(sentences)
    ])
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.05)
    model.train()
    for _ in range(300):
        loss = model(**batch, labels=targets).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        predicted = model(**batch).logits.argmax(-1)
        if bool(((predicted == targets) | (targets == -100)).all()):
            break
    else:
        pytest.fail("the tiny model did not learn its tags")
    model.eval()
    folder = tmp_path_factory.mktemp("tiny_ner")
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def extractor(tiny_model) -> CamelNerExtractor:
    return CamelNerExtractor(tiny_model)


def _run(extractor, text: str):
    article = article_from_text("d", text)
    sentences = split_sentences(article.text, article.headline_end)
    return article, extractor(article, sentences)


def test_tiny_model_tags_a_person(extractor):
    text = TRAINING[0][0]
    article, mentions = _run(extractor, text)
    person = next(m for m in mentions if m.type == "Person")
    start = text.index("سامر خليل")
    assert (person.text, person.start, person.end) == ("سامر خليل", start, start + len("سامر خليل"))
    assert article.text[person.start:person.end] == "سامر خليل"
    assert (person.first_token, person.last_token) == (1, 3)
    assert person.entity_id == person.actor_id == discovered_id("سامر خليل", "Person") == "Person/sAmr_xlyl"
    assert (person.via, person.extractor, person.sentence) == ("model", "camel-ner", 0)


def test_known_country_links_to_gazetteer(extractor, gazetteer):
    _, mentions = _run(extractor, TRAINING[0][0])
    country = next(m for m in mentions if m.text == "لبنان")
    assert (country.entity_id, country.actor_id, country.type) == ("lebanon", "lebanon", "Country")
    assert gazetteer.entity(country.entity_id).type == "Country"


def test_armed_group_unknown_place_and_misc_dropped(extractor):
    text = TRAINING[1][0]
    _, mentions = _run(extractor, text)
    by_text = {m.text: m for m in mentions}
    assert set(by_text) == {"قوات الفجر الجديد", "نوران"}  # كأس العالم is MISC: dropped
    group = by_text["قوات الفجر الجديد"]
    assert (group.type, group.entity_id) == ("ArmedGroup", "ArmedGroup/qwAt_Alfjr_Aljdyd")
    place = by_text["نوران"]
    assert (place.type, place.entity_id) == ("Place", "Place/nwrAn")


def test_whole_article_is_batched_and_right_to_left_marks_are_skipped(extractor):
    # a lone RLM is a token of kg's but nothing to BERT's tokenizer: the
    # labels must still line up with the words after it
    text = f"{TRAINING[1][0]}\n\u200f {TRAINING[0][0]}"
    _, mentions = _run(extractor, text)
    assert [(m.sentence, m.text) for m in mentions] == [
        (0, "قوات الفجر الجديد"), (0, "نوران"), (1, "سامر خليل"), (1, "لبنان"),
    ]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


def test_registered_extractor_reads_model_from_environment(tiny_model, offline):
    offline.setenv(MODEL_ENV, str(tiny_model))
    try:
        pipeline = Pipeline(entity_names=("gazetteer", "camel-ner"), relation_names=())
    finally:
        offline.delenv(MODEL_ENV)
    result = pipeline(article_from_text("d", TRAINING[0][0]))
    found = {(m.text, m.extractor) for m in result.mentions}
    assert ("سامر خليل", "camel-ner") in found
    assert ("لبنان", "gazetteer") in found  # same span, same length: the earlier extractor wins


def test_missing_data_is_a_one_line_error(empty_camel_data):
    with pytest.raises(KgError) as error:
        CamelNerExtractor()
    message = str(error.value)
    assert message == NOT_INSTALLED
    assert "\n" not in message and "not installed" in message and "camel_data -i ner-arabert" in message
    with pytest.raises(KgError, match="not installed"):
        entity_extractors.create("camel-ner")


def test_missing_data_from_the_command_line(tmp_path, empty_camel_data):
    run = run_kg("build", SEEDS, "-o", tmp_path / "out", "--entities", "gazetteer,camel-ner",
                 env={"CAMELTOOLS_DATA": str(empty_camel_data), MODEL_ENV: ""})
    line = assert_one_line_error(run)
    assert "camel_data -i ner-arabert" in line


def test_bad_model_folder_is_a_one_line_error(tmp_path):
    with pytest.raises(KgError, match="no such folder"):
        CamelNerExtractor(tmp_path / "absent")
    with pytest.raises(KgError, match="no config.json"):
        CamelNerExtractor(tmp_path)


def test_registration_imports_no_model_library():
    code = ("import sys, extractors; from kg.registry import entity_extractors; "
            "assert 'camel-ner' in entity_extractors.names(); "
            "heavy = [m for m in ('torch', 'transformers', 'camel_tools.ner', 'camel_tools.data') if m in sys.modules]; "
            "assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_bio_spans():
    assert bio_spans(["O", "B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG", "O"]) == [
        (1, 3, "PERS"), (4, 6, "LOC"), (6, 7, "LOC"), (7, 8, "ORG"),
    ]
    assert bio_spans(["B-MISC"]) == [(0, 1, "MISC")]
    assert bio_spans([]) == []


# mentions_from_spans on hand-made spans

HAND = "قال وسامر خليل إن قوات الفجر وشركة النور هاجمت ولبنان و«دمشق» في 2020 م ."


@pytest.fixture(scope="module")
def hand_sentence() -> Sentence:
    sentences = split_sentences(HAND)
    assert len(sentences) == 1
    return sentences[0]


def _at(sentence: Sentence, word: str) -> int:
    return next(t.index for t in sentence.tokens if t.text == word)


def _one(sentence, gazetteer, first, last, label, skip=0):
    mentions = mentions_from_spans(sentence, [PredictedSpan(first, last, label, 0.6, skip)], "test", gazetteer)
    assert len(mentions) <= 1
    return mentions[0] if mentions else None


def test_a_verb_the_model_took_into_a_name_is_dropped(gazetteer):
    """وزار سامر خليل: the span starts at the verb; the mention starts at
    the name, while a one-word span is left alone."""
    text = "وزار سامر خليل دمشق"
    sentence = split_sentences(text)[0]
    person = _one(sentence, gazetteer, 0, 3, "PERS")
    assert person.text == "سامر خليل" and (person.first_token, person.entity_id) == (1, "Person/sAmr_xlyl")
    assert text[person.start:person.end] == person.text
    assert _one(sentence, gazetteer, 0, 1, "PERS") is not None  # nothing but the verb: not trimmed away


def test_a_verb_with_the_future_marker_is_no_name(gazetteer):
    """سيزوران (they two will visit) is a verb of the trigger lexicon with
    the future marker: a one-word span of it names nobody; a name that
    starts with the same letters (سيف) stays."""
    sentence = split_sentences("وقال إن الوزيرين سيزوران طهران مع سيف قريبا")[0]
    verb = _at(sentence, "سيزوران")
    assert _one(sentence, gazetteer, verb, verb + 1, "PERS") is None
    name = _at(sentence, "سيف")
    assert _one(sentence, gazetteer, name, name + 1, "PERS") is not None


def test_spans_with_skipped_proclitic(hand_sentence, gazetteer):
    i = _at(hand_sentence, "وسامر")
    person = _one(hand_sentence, gazetteer, i, i + 2, "PERS", skip=1)
    assert person.text == "سامر خليل" and HAND[person.start:person.end] == "سامر خليل"
    assert person.start == hand_sentence.tokens[i].start + 1
    assert (person.first_token, person.last_token) == (i, i + 2)
    assert (person.entity_id, person.type, person.confidence, person.via) == ("Person/sAmr_xlyl", "Person", 0.6, "model")

    j = _at(hand_sentence, "ولبنان")
    for skip, text in ((1, "لبنان"), (0, "ولبنان")):  # linked through the clitic either way
        country = _one(hand_sentence, gazetteer, j, j + 1, "LOC", skip)
        assert (country.text, country.entity_id, country.actor_id, country.type) == (text, "lebanon", "lebanon", "Country")


def test_capital_links_and_acts_for_its_state(hand_sentence, gazetteer):
    k = _at(hand_sentence, "دمشق")
    capital = _one(hand_sentence, gazetteer, k - 1, k + 2, "LOC")  # «دمشق» : quotes trimmed
    assert (capital.text, capital.first_token, capital.last_token) == ("دمشق", k, k + 1)
    assert (capital.entity_id, capital.actor_id, capital.type) == ("damascus", "syria", "Place")


def test_organisation_kinds(hand_sentence, gazetteer):
    i = _at(hand_sentence, "قوات")
    group = _one(hand_sentence, gazetteer, i, i + 2, "ORG")
    assert (group.type, group.entity_id) == ("ArmedGroup", "ArmedGroup/qwAt_Alfjr")
    j = _at(hand_sentence, "وشركة")
    company = _one(hand_sentence, gazetteer, j, j + 2, "ORG", skip=1)
    assert (company.text, company.type) == ("شركة النور", "Organization")
    assert company.entity_id == discovered_id("شركة النور", "Organization")


def test_dropped_spans(hand_sentence, gazetteer):
    tokens = hand_sentence.tokens
    year = _at(hand_sentence, "2020")
    quote = _at(hand_sentence, "«")
    assert _one(hand_sentence, gazetteer, 1, 3, "MISC") is None
    assert _one(hand_sentence, gazetteer, year, year + 1, "LOC") is None  # digits
    assert _one(hand_sentence, gazetteer, year + 1, year + 2, "PERS") is None  # one letter
    assert _one(hand_sentence, gazetteer, year, len(tokens), "ORG") is None  # digits, a letter, a full stop
    assert _one(hand_sentence, gazetteer, quote, quote + 1, "LOC") is None  # punctuation
    with pytest.raises(ValueError):
        _one(hand_sentence, gazetteer, 3, len(tokens) + 1, "PERS")


def test_lone_state_adjective_is_left_to_the_gazetteer(gazetteer):
    sentence = split_sentences("قالت الخارجية الروسية")[0]
    assert _one(sentence, gazetteer, 2, 3, "LOC") is None


@pytest.mark.parametrize(("word", "chars"), [
    ("ولبنان", 1), ("والعراق", 1), ("بالموصل", 1), ("والأسد", 1), ("وَالأسد", 2),
    ("لبنان", 0), ("وليد", 0), ("والتر", 0), ("سامر", 0), ("الأسد", 0),
])
def test_proclitic_chars(word, chars, gazetteer):
    assert proclitic_chars(tokenize(word)[0], gazetteer) == chars
