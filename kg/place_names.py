"""Places a classifier noun names, as mentions every relation stage sees.

A place-classifier noun (قرية حدنان، بلدة المسيمير، بمدينة لودر) says the
word after it is a place. `extractors.places` already reads it so for
located_in, but only inside the static extractor: the event rules and the
pair classifier saw either no mention at all (استعادة المقاومة بلدة
المسيمير had no object) or the NER's guess, which an event needs the
sentence classifier's consent to use (اقتحم مسلحو المقاومة قرية حدنان gave
nothing). Here, between mentions and relations:

* an unknown single word after a classifier becomes a Place mention;
* a name the NER made of a classifier noun alone (ريف in «في ريف حلب») is
  dropped: every stage would otherwise take the noun for a place;
* a place the NER guessed right after a classifier is kept as the NER's
  span but marked as found by the classifier (`via` CLASSIFIER_VIA), since
  the noun, not the model's guess, says it is a place; a Person or
  Organization the NER guessed there is retyped Place.

The rules of `PlaceFinder.places` decide what counts (definite classifiers
before adjectives, weak classifiers such as قضاء that are also common
words, numbers and function words are not names).
"""

from __future__ import annotations

from dataclasses import replace

from kg.extractors.places import PlaceFinder
from kg.model import MODEL_VIA, Mention
from kg.naming import discovered_id
from kg.text import Sentence

CLASSIFIER_VIA = "classifier"
PLACE = "Place"
UNKNOWN_NAME_CONFIDENCE = 0.7  # one word after a classifier: firm, though nothing else vouches for it
EXTRACTOR = "places"


def classified_places(sentences: list[Sentence], mentions: list[Mention], finder: PlaceFinder) -> list[Mention]:
    """The mentions, with the places classifier nouns introduce added or
    confirmed (see the module docstring)."""
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    confirmed: dict[int, Mention] = {}  # id() of a model mention -> its confirmed copy
    added: list[Mention] = []
    dropped: set[int] = set()  # id() of model mentions made of a classifier noun alone
    for sentence in sentences:
        dropped.update(id(m) for m in by_sentence.get(sentence.index, []) if finder.classifier_only(sentence.tokens, m))
        for place in finder.places(sentence.tokens, by_sentence.get(sentence.index, [])):
            if not place.classified:
                continue
            if place.mention is None:
                token = sentence.tokens[place.first]
                added.append(Mention(
                    sentence=sentence.index, start=token.start, end=token.end, first_token=place.first,
                    last_token=place.last, text=token.text, entity_id=place.entity_id, actor_id=place.entity_id,
                    type=PLACE, via=CLASSIFIER_VIA, extractor=EXTRACTOR, confidence=UNKNOWN_NAME_CONFIDENCE,
                ))
            elif place.mention.via == MODEL_VIA:
                confirmed[id(place.mention)] = replace(
                    place.mention, type=PLACE, entity_id=place.entity_id,
                    actor_id=place.entity_id if place.mention.type != PLACE else place.mention.actor_id,
                    via=CLASSIFIER_VIA)
    if not added and not confirmed and not dropped:
        return mentions
    out = [confirmed.get(id(m), m) for m in mentions if id(m) not in dropped] + added
    return sorted(out, key=lambda m: (m.sentence, m.first_token))
