"""Fast (no browser) tests for kg.export.html."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import networkx as nx

try:
    from kg.export.html import render_html, write_html
except ImportError:  # running plain `pytest` without the project installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from kg.export.html import render_html, write_html

EVIL_SENTENCE = 'قالت مصر إن <script>alert("x")</script> التنسيق مستمر & "مهم"'
COORD_SENTENCE = "أعلنت مصر أنها تنسق مع قطر بشأن وقف إطلاق النار في غزة."


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("Q79", label="Egypt", label_ar="مصر", type="Country")
    g.add_node("Q846", label="Qatar", label_ar="قطر", type="Country")
    g.add_node("Q1", label="Hamas", label_ar="حماس", type="ArmedGroup")
    g.add_node("Q2", label="Some Thing", label_ar="", type="Event")
    g.add_edge(
        "Q79", "Q846", key="coordinates_with", relation="coordinates_with", label_ar="ينسق مع",
        sentences=[COORD_SENTENCE], docs=["doc-1"], dates=["2024-05-01"],
        modality="asserted", confidence=0.91, count=1,
    )
    g.add_edge(
        "Q79", "Q846", key="criticizes", relation="criticizes", label_ar="ينتقد",
        sentences=[EVIL_SENTENCE, "جملة ثانية"], docs=["doc-2"], dates=["2024-05-02", "2024-05-03"],
        modality="reported", confidence=0.6, count=2,
    )
    g.add_edge(
        "Q846", "Q1", key="mediates_with", relation="mediates_with", label_ar="يتوسط مع",
        sentences=["توسطت قطر مع حماس."], docs=["doc-3"], dates=[], modality="asserted",
        confidence=0.8, count=1,
    )
    g.add_edge("Q1", "Q2", key="involved_in", relation="involved_in", label_ar="",
               sentences=[], docs=[], dates=[], modality="", confidence=0.5, count=0)
    return g


EXTERNAL_ATTR = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_small_graph_page_is_offline_and_complete(tmp_path: Path) -> None:
    page = render_html(small_graph(), title="Test <graph>")

    # Fully offline: no src/href pointing at http(s) or protocol-relative URLs.
    assert not EXTERNAL_ATTR.search(page)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*https?:""", page, re.I)
    assert "bootstrap" not in page.lower()
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    # vis-network itself is inlined.
    assert "vis.Network" in page and "new vis.DataSet(" in page

    # Arabic labels (node label has English + Arabic on two lines).
    assert "مصر" in page and "قطر" in page and "حماس" in page
    assert "Egypt\\nمصر" in page
    assert "ينسق مع" in page
    assert "Noto Naskh Arabic" in page and "DejaVu Sans" in page
    # Relation names, including both parallel edges between Egypt and Qatar.
    for rel in ("coordinates_with", "criticizes", "mediates_with", "involved_in"):
        assert f'"label": "{rel}"' in page
    # Source sentences present; the <script> in a sentence is escaped.
    assert COORD_SENTENCE in page
    assert "<script>alert" not in page
    assert "\\u003cscript\\u003ealert(" in page
    assert "\\u0026" in page  # & escaped inside the JSON
    # Title is HTML-escaped.
    assert "Test &lt;graph&gt;" in page and "Test <graph>" not in page

    # Legend and info panel.
    assert 'id="kg-legend"' in page
    for t in ("Country", "Person", "Organization", "ArmedGroup", "Place", "Other"):
        assert f'data-type="{t}"' in page
    assert '<div id="kg-info"' in page
    assert 'network.on("click"' in page
    assert 'dir="rtl"' in page or 'dir: "rtl"' in page

    # Directed edges with arrows.
    assert '"arrows": "to"' in page

    # Deterministic.
    assert render_html(small_graph(), title="Test <graph>") == page

    out = tmp_path / "sub" / "graph.html"
    write_html(small_graph(), out, title="Test <graph>")
    assert out.read_text(encoding="utf-8") == page
    assert [p.name for p in out.parent.iterdir()] == ["graph.html"]  # no temp files left


def test_insertion_order_does_not_change_output() -> None:
    g = small_graph()
    h = nx.MultiDiGraph()
    for n in reversed(list(g.nodes)):
        h.add_node(n, **g.nodes[n])
    for u, v, k, d in reversed(list(g.edges(keys=True, data=True))):
        h.add_edge(u, v, key=k, **d)
    assert render_html(g) == render_html(h)


def test_sentence_with_url_markup_does_not_break_rendering() -> None:
    g = small_graph()
    g.add_edge("Q2", "Q79", key="mentions", relation="mentions",
               sentences=['راجع <a href="https://example.com/x">الرابط</a> src=//evil.js'],
               docs=[], dates=[], modality="", confidence=0.1, count=1)
    page = render_html(g)  # must not mistake data for markup and raise
    assert "<a href" not in page
    assert "\\u003ca href=" in page


def test_big_graph_renders() -> None:
    rng = random.Random(7)
    g = nx.MultiDiGraph()
    types = ["Country", "Person", "Organization", "ArmedGroup", "Place", "Event"]
    for i in range(2000):
        g.add_node(f"Q{i}", label=f"Entity {i}", label_ar=f"كيان {i}", type=rng.choice(types))
    for j in range(20000):
        rel = f"rel_{j % 9}"
        g.add_edge(
            f"Q{rng.randrange(2000)}", f"Q{rng.randrange(2000)}", key=rel, relation=rel,
            label_ar="علاقة", sentences=[f"جملة رقم {j}"], docs=[f"d{j}"], dates=["2024-01-01"],
            modality="asserted", confidence=0.5, count=1,
        )
    page = render_html(g, title="big")
    assert page.count('"from": "Q') == g.number_of_edges()
    assert '"iterations": 150' in page  # reduced stabilization for big graphs
    assert not EXTERNAL_ATTR.search(page)
