"""Fast (no browser) tests of the viewer page: kg.export.html and kg.export.viewer."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError
from kg.export.html import render_html, write_html
from kg.export.viewer.focus import find_actor, neighbourhood
from kg.export.viewer.layout import compute_layout
from kg.export.viewer.model import Evidence
from kg.export.viewer.page import ViewerBundleMissing, data_element, read_payload
from kg.export.viewer.payload import build_payload, search_key

EVIL_SENTENCE = 'قالت مصر إن <script>alert("x")</script> التنسيق مستمر & "مهم"'
COORD_SENTENCE = "أعلنت مصر أنها تنسق مع قطر بشأن وقف إطلاق النار في غزة."


def _span(word: str) -> tuple[int, int]:
    start = COORD_SENTENCE.index(word)
    return (start, start + len(word))


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("Q79", label="Egypt", label_ar="مصر", type="Country")
    g.add_node("Q846", label="Qatar", label_ar="قطر", type="Country")
    g.add_node("Q1", label="Hamas", label_ar="حماس", type="ArmedGroup")
    g.add_node("Q2", label="Some Thing", label_ar="", type="Event")
    g.add_node("Q3", label="Idlib", label_ar="إدلب", type="Place", aliases=["ادلب الخضراء"])
    g.add_edge(
        "Q79", "Q846", key="coordinates_with", relation="coordinates_with", label_ar="ينسق مع",
        modality="asserted", confidence=0.91, count=1, dates=["2024-05-01"], deadlines=["2024-06-01"],
        places=["Gaza"], docs=["doc-1"],
        evidence=[Evidence(COORD_SENTENCE, "doc-1", "مصر وقطر", "2024-05-01", trigger=_span("تنسق"),
                           subject=_span("مصر"), object=_span("قطر"), confidence=0.91)])
    g.add_edge(
        "Q79", "Q846", key="criticizes (reported)", relation="criticizes (reported)", label_ar="ينتقد",
        sentences=[EVIL_SENTENCE, "جملة ثانية"], docs=["doc-2"], dates=["2024-05-02", "2024-05-03"],
        modality="reported", confidence=0.6, count=2)
    g.add_edge("Q846", "Q1", key="mediates_with", relation="mediates_with", label_ar="يتوسط مع",
               sentences=["توسطت قطر مع حماس."], docs=["doc-3"], dates=[], modality="asserted",
               confidence=0.8, count=1)
    g.add_edge("Q1", "Q2", key="involved_in", relation="involved_in", label_ar="",
               sentences=[], docs=[], dates=[], modality="", confidence=0.5, count=0)
    g.add_edge("Q1", "Q3", key="deploys_to", relation="deploys_to", label_ar="ينتشر في",
               sentences=[COORD_SENTENCE], modality="asserted", confidence=0.4, count=1)
    return g


EXTERNAL_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_page_is_offline_complete_and_escaped(tmp_path: Path) -> None:
    page = render_html(small_graph(), title="Test <graph>")
    assert not EXTERNAL_ATTR.search(page)
    assert "<script src" not in page and "<link" not in page
    assert "Test &lt;graph&gt;" in page and "Test <graph>" not in page
    # The sentence with markup is data: never raw in the page.
    assert "<script>alert" not in page
    assert page.count("</script>") == 2  # the data element and the bundle, nothing else closes a script
    data = read_payload(page)
    assert data["title"] == "Test <graph>"
    assert data["nodes"]["id"] == ["Q1", "Q2", "Q3", "Q79", "Q846"]
    assert EVIL_SENTENCE in data["sentences"] and COORD_SENTENCE in data["sentences"]
    assert data["sentences"].count(COORD_SENTENCE) == 1  # each sentence stored once
    assert "مصر" in data["nodes"]["ar"] and "Noto Naskh Arabic" in page
    # the bundle is inlined and the page is deterministic
    assert "kgViewer" in page and "DecompressionStream" in page
    assert render_html(small_graph(), title="Test <graph>") == page
    out = tmp_path / "sub" / "graph.html"
    write_html(small_graph(), out, title="Test <graph>")
    assert out.read_text(encoding="utf-8") == page
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]  # no temp file left


def test_edges_carry_relation_modality_and_evidence() -> None:
    g = small_graph()
    data = build_payload(g, compute_layout(g), "t")
    rel = [r[0] for r in data["relations"]]
    edges = data["edges"]
    names = {(data["nodes"]["id"][s], rel[r], data["modalities"][m])
             for s, r, m in zip(edges["s"], edges["rel"], edges["mod"])}
    # 'criticizes (reported)' from the older view graph is split into relation and modality
    assert ("Q79", "criticizes", "reported") in names and ("Q79", "coordinates_with", "asserted") in names
    e = next(i for i, r in enumerate(edges["rel"]) if rel[r] == "coordinates_with")
    dates, deadlines, places, other_docs, evidence = data["details"][e]
    assert (dates, deadlines, places, other_docs) == (["2024-05-01"], ["2024-06-01"], ["Gaza"], [])
    [[sentence, doc, ts, te, ss, se, os_, oe, conf]] = evidence
    text = data["sentences"][sentence]
    assert text[ts:te] == "تنسق" and text[ss:se] == "مصر" and text[os_:oe] == "قطر"
    assert data["docs"][doc] == ["doc-1", "مصر وقطر", "2024-05-01"] and conf == 0.91
    assert edges["d0"][e] == edges["d1"][e] == "2024-05-01"
    # plain sentences become evidence without offsets
    c = next(i for i, r in enumerate(edges["rel"]) if rel[r] == "criticizes")
    assert [row[2:8] for row in data["details"][c][4]] == [[-1] * 6, [-1] * 6]
    assert data["details"][c][4][0][1] == 0 or data["docs"][data["details"][c][4][0][1]][0] == "doc-2"
    assert (edges["d0"][c], edges["d1"][c], edges["n"][c]) == ("2024-05-02", "2024-05-03", 2)


def test_offsets_outside_the_sentence_are_dropped() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="A", type="Country")
    g.add_node("b", label="B", type="Country")
    g.add_edge("a", "b", key="r", relation="r", modality="asserted", count=1,
               evidence=[Evidence("قصيرة", trigger=(3, 40), subject=(-2, 1), object=(0, 2))])
    data = build_payload(g, compute_layout(g), "t")
    assert data["details"][0][4][0][2:8] == [-1, -1, -1, -1, 0, 2]


def test_search_keys_fold_like_kg_normaliser() -> None:
    key = search_key({"label": "Idlib", "label_ar": "إدلبُ", "aliases": ["مدينةٌ"]}, "Q3")
    assert key.split("|") == ["idlib", "ادلب", "مدينه", "q3"]


def test_large_data_is_compressed_and_reads_back() -> None:
    g = small_graph()
    payload = build_payload(g, compute_layout(g), "t")
    plain, packed = data_element(payload), data_element(payload, compress_over=0)
    assert 'type="application/json"' in plain and 'data-encoding="gzip+base64"' in packed
    assert read_payload(plain) == read_payload(packed) == payload


def test_layout_places_every_node_deterministically() -> None:
    g = small_graph()
    g.add_node("lonely", label="Lonely", type="Person")
    pos = compute_layout(g)
    assert set(pos) == set(g.nodes)
    assert compute_layout(g) == pos
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot
    # a separate component is packed beside the main one, not on top of it
    main = [pos[n] for n in ("Q79", "Q846", "Q1", "Q2", "Q3")]
    assert min(abs(pos["lonely"][0] - x) + abs(pos["lonely"][1] - y) for x, y in main) > 1.0


def test_focus_neighbourhood_and_names() -> None:
    g = small_graph()
    assert find_actor(g, "Q846") == "Q846"
    assert find_actor(g, "ادلب") == "Q3"        # hamza folded
    assert find_actor(g, "qatar") == "Q846"      # case folded
    assert set(neighbourhood(g, "Hamas", 0).nodes) == {"Q1"}
    assert set(neighbourhood(g, "Hamas", 1).nodes) == {"Q1", "Q846", "Q2", "Q3"}
    two = neighbourhood(g, "حماس", 2)
    assert set(two.nodes) == set(g.nodes) and two.graph["focus"] == "Q1"
    assert two.number_of_edges() == g.number_of_edges()
    page = read_payload(render_html(neighbourhood(g, "Hamas", 1)))
    assert page["focus"] == {"id": "Q1", "hops": 1}
    with pytest.raises(KgError, match="no actor"):
        find_actor(g, "Atlantis")
    with pytest.raises(KgError, match="names 2 actors"):
        find_actor(g, "a")  # in Qatar and Hamas (and more): ambiguous


def test_missing_bundle_says_how_to_build(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_VIEWER_BUNDLE", str(tmp_path / "none.js"))
    with pytest.raises(ViewerBundleMissing, match="make viewer"):
        render_html(small_graph())


def test_layout_does_not_depend_on_the_hash_seed(tmp_path):
    """Two components (so each is laid out from a subgraph view, whose node
    order is a set's): the same positions under three PYTHONHASHSEEDs."""
    import subprocess
    import sys

    code = (
        "import networkx as nx, random\n"
        "from kg.export.viewer.layout import compute_layout\n"
        "g = nx.MultiDiGraph(); rng = random.Random(7)\n"
        "for i in range(120): g.add_edge(f'a{rng.randrange(60)}', f'a{rng.randrange(60)}')\n"
        "for i in range(40): g.add_edge(f'b{rng.randrange(30)}', f'b{rng.randrange(30)}')\n"
        "print(sorted(compute_layout(g).items()))\n"
    )
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1
