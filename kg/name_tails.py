"""Short names linked to the full name earlier in the same article.

News names a person in full once (الرئيس النيجيري محمد بخاري) and then by
the last name (بخاري). The gazetteer knows the full name; the NER finds the
short one and, alone, can only give it an identifier of its own, so the
graph would hold two people and the short name's relations would hang off
the wrong node. Here a model-found name whose words are the last words of
another person mention of the article takes that mention's entity, when the
article offers exactly one such entity (two people sharing a family name
stay apart). The NER's type does not count: alone, a family name is often
also a place (ليون after برناردينو ليون is León, not Lyon).

A stage of its own between mentions and relations: it looks at the whole
article's mentions, which no entity extractor sees.
"""

from __future__ import annotations

from dataclasses import replace

from kg.model import MODEL_VIA, Mention
from kg.naming import is_discovered
from kg.text import normalize, strip_article

PERSON = "Person"


def _name_words(mention: Mention) -> tuple[str, ...]:
    return tuple(strip_article(w) for w in normalize(mention.text).split() if w)


def link_name_tails(mentions: list[Mention]) -> list[Mention]:
    """The mentions, with each short model-found name relinked to the one
    longer person mention it ends (see the module docstring)."""
    persons = [(m, _name_words(m)) for m in mentions if m.type == PERSON]
    linked = []
    for mention in mentions:
        if mention.via != MODEL_VIA or not is_discovered(mention.entity_id):
            linked.append(mention)
            continue
        words = _name_words(mention)
        owners = {
            (other.entity_id, other.actor_id)
            for other, other_words in persons
            if len(other_words) > len(words) and other_words[-len(words):] == words and other.entity_id != mention.entity_id
        }
        if len(owners) == 1 and words:
            entity_id, actor_id = owners.pop()
            linked.append(replace(mention, entity_id=entity_id, actor_id=actor_id, type=PERSON))
        else:
            linked.append(mention)
    return linked
