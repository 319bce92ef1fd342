"""The viewer page in a real (Debian) chromium, fully offline: search, filters,
clicks, and a 10,000-node / 30,000-edge graph.

Needs /usr/bin/chromium and the `playwright` Python package
(scripts/install_browser.sh) and the viewer's bundle (`make viewer`). Never uses
`playwright install`: the browser is launched from executable_path. Skipped
when something is missing, unless the environment variable CI is set, in which
case it fails instead. Screenshots and the measured load time are kept in
out/test-artifacts/ (timings are recorded, never asserted).
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import networkx as nx
import pytest

from kg.export.html import write_html
from kg.export.viewer import bundle_path
from kg.export.viewer.model import Evidence
from kg.text import normalize

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO_ROOT / "test-artifacts"  # not in out/: kg build replaces that folder as a whole

COORD_SENTENCE = "أعلنت مصر أنها تنسق مع قطر بشأن وقف إطلاق النار في غزة."
EVIL_SENTENCE = 'قالت مصر إن <script>window.__pwned = 1</script> التنسيق مستمر & "مهم"'
MEDIATE_SENTENCE = "توسطت قطر مع حماس."


def _missing_requirements() -> str | None:
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip)")
    if not bundle_path().is_file():
        missing.append(f"{bundle_path()} (make viewer)")
    return ", ".join(missing) or None


_MISSING = _missing_requirements()
if _MISSING:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but browser requirements are missing: {_MISSING} "
                    "(run scripts/install_browser.sh and make viewer)", pytrace=False)
    pytest.skip(f"browser requirements missing: {_MISSING} (run scripts/install_browser.sh and make viewer)",
                allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


def _span(sentence: str, word: str) -> tuple[int, int]:
    start = sentence.index(word)
    return (start, start + len(word))


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("Q79", label="Egypt", label_ar="مصر", type="Country")
    g.add_node("Q846", label="Qatar", label_ar="قطر", type="Country")
    g.add_node("Q1", label="Hamas", label_ar="حماس", type="ArmedGroup")
    g.add_node("Q2", label="Antony Blinken", label_ar="أنتوني بلينكن", type="Person")
    g.add_node("Q3", label="Idlib", label_ar="إدلب", type="Place")
    g.add_edge("Q79", "Q846", key="coordinates_with", relation="coordinates_with", label_ar="ينسق مع",
               modality="asserted", confidence=0.91, count=1, dates=["2024-05-01"],
               evidence=[Evidence(COORD_SENTENCE, "doc-1", "مصر تنسق مع قطر", "2024-05-01",
                                  _span(COORD_SENTENCE, "تنسق"), _span(COORD_SENTENCE, "مصر"),
                                  _span(COORD_SENTENCE, "قطر"), 0.91)])
    g.add_edge("Q79", "Q846", key="criticizes (reported)", relation="criticizes", label_ar="ينتقد",
               sentences=[EVIL_SENTENCE], docs=["doc-2"], dates=["2024-05-02"], modality="reported",
               confidence=0.6, count=1)
    g.add_edge("Q846", "Q1", key="mediates_with", relation="mediates_with", label_ar="يتوسط مع",
               modality="asserted", confidence=0.8, count=3, dates=["2024-05-04"], deadlines=["2024-05-30"],
               places=["Doha"],
               evidence=[Evidence(MEDIATE_SENTENCE, "doc-3", "وساطة قطرية", "2024-05-04",
                                  _span(MEDIATE_SENTENCE, "توسطت"), _span(MEDIATE_SENTENCE, "قطر"),
                                  _span(MEDIATE_SENTENCE, "حماس"), 0.8)])
    g.add_edge("Q2", "Q79", key="visits", relation="visits", label_ar="يزور", sentences=["زار بلينكن القاهرة."],
               docs=["doc-4"], dates=["2024-06-05"], modality="asserted", confidence=0.7, count=1)
    g.add_edge("Q1", "Q3", key="attacks", relation="attacks", label_ar="يهاجم", sentences=["هاجمت حماس إدلب."],
               docs=["doc-5"], dates=["2024-07-01"], modality="asserted", confidence=0.5, count=1)
    return g


def large_graph(n_nodes: int = 10_000, n_edges: int = 30_000, seed: int = 3) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    types = ("Country", "Person", "Organization", "ArmedGroup", "Place", "Group")
    relations = ("meets_with", "threatens", "supports", "attacks", "condemns", "visits", "accuses")
    words = ("قال", "وزير", "الخارجية", "إن", "بلاده", "تدعم", "الحل", "في", "إدلب", "الرئيس", "مع", "وقف")
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        g.add_node(f"n{i}", label=f"Entity {i}", label_ar=f"كيان {i}", type=types[i % len(types)])
    g.add_node("n42", label="Ankara Office", label_ar="مكتب أنقرة", type="Organization")
    nodes = list(g.nodes)
    cum, total = [], 0.0
    for i in range(len(nodes)):
        total += 1.0 / (1 + i) ** 0.8  # a few hubs, as in news
        cum.append(total)
    added = 0
    while added < n_edges:
        u, v = rng.choice(nodes), rng.choices(nodes, cum_weights=cum, k=1)[0]
        rel = rng.choice(relations)
        if u == v or g.has_edge(u, v, rel):
            continue
        sentence = " ".join(rng.choices(words, k=14)) + "."
        g.add_edge(u, v, key=rel, relation=rel, modality=rng.choice(("asserted", "asserted", "possible")),
                   confidence=0.5, count=rng.choice((1, 1, 2, 5)), dates=[f"2015-08-{rng.randint(1, 28):02d}"],
                   evidence=[Evidence(sentence, f"d{rng.randrange(5000)}", "عنوان", "2015-08-01")])
        added += 1
    return g


class Page:
    """One browser page with its requests, console errors and page errors recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("request", lambda req: None if req.url.startswith(("file://", "data:", "blob:"))
                     else self.external.append(req.url))
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        started = time.perf_counter()
        self.page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        self.page.wait_for_function("window.kgReady === true || !!window.kgError", timeout=120_000, polling=20)
        self.wall = time.perf_counter() - started
        assert self.page.evaluate("window.kgError || ''") == ""

    def graph_point(self, js: str) -> tuple[float, float]:
        self.page.wait_for_function("!kgViewer.renderer.animating", timeout=10_000)  # camera at rest
        box = self.page.locator("#kg-graph").bounding_box()
        assert box is not None
        p = self.page.evaluate(js)
        return box["x"] + p["x"], box["y"] + p["y"]

    def info(self):
        return self.page.locator("#kg-info")

    def wait_info(self, kind: str) -> None:
        self.page.wait_for_function(f"document.getElementById('kg-info').getAttribute('data-kind') === '{kind}'",
                                    timeout=10_000)

    def check_clean(self) -> None:
        assert self.external == [], f"page made external requests: {self.external}"
        assert self.errors == [], f"page errors: {self.errors}"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def test_small_page_search_filter_clicks(browser, tmp_path: Path) -> None:
    path = tmp_path / "graph.html"
    write_html(small_graph(), path, title="kg browser test")
    p = Page(browser, path)
    page = p.page
    assert page.locator("#kg-graph canvas").count() == 2
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#kg-stats").inner_text() == "5 nodes · 5 edges"

    # The page folds a query exactly as kg.text.normalize does.
    samples = ["إدلب", "أنقرة", "آمال", "مصطفى", "مدرسةٌ", "الـقاهرة", "٢٠٢٠ Idlib", "ٱلرياض"]
    folded = page.evaluate("s => s.map(x => kgViewer.fold(x))", samples)
    assert folded == [" ".join(normalize(s).split()) for s in samples]

    # Search: typed with hamza and a diacritic, found without them, picked with Enter.
    page.fill("#kg-search", "أدلِب")
    page.wait_for_selector("#kg-search-results li[data-node='Q3']", timeout=5_000)
    page.fill("#kg-search", "انتوني")
    page.wait_for_selector("#kg-search-results li[data-node='Q2']", timeout=5_000)
    page.press("#kg-search", "Enter")
    p.wait_info("node")
    assert p.info().get_attribute("data-id") == "Q2"
    assert page.evaluate("kgViewer.search('blinken')") == ["Q2"]

    # Real mouse click on the Egypt node: its relations grouped by type, neighbours highlighted.
    page.mouse.click(*p.graph_point("kgViewer.nodeViewport('Q79')"))
    p.wait_info("node")
    info = p.info()
    assert info.get_attribute("data-id") == "Q79"
    text = info.inner_text()
    assert "Egypt" in text and "مصر" in text
    groups = info.locator("h3[data-relation]").evaluate_all("hs => hs.map(h => h.getAttribute('data-relation'))")
    assert sorted(groups) == ["coordinates_with", "criticizes", "visits"]
    styles = page.evaluate("['Q79','Q846','Q2','Q1'].map(id => kgViewer.renderer.style.nodeStyle(kgViewer.nodeIndex(id)))")
    assert styles == [3, 1, 1, 2]  # selected, neighbours, the rest dimmed
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viewer-small-node.png"))

    # Real mouse click on the middle of the Qatar -> Hamas edge: its evidence, marked.
    page.click("#kg-fit")
    page.mouse.click(*p.graph_point("kgViewer.edgeViewport(kgViewer.data.edges.rel.findIndex("
                                    "r => kgViewer.data.relations[r][0] === 'mediates_with'))"))
    p.wait_info("edge")
    text = p.info().inner_text()
    assert "mediates_with" in text and MEDIATE_SENTENCE in text
    for label in ("deadline", "2024-05-30", "place", "Doha", "وساطة قطرية", "doc-3", "2024-05-04", "confidence"):
        assert label in text, label
    marks = p.info().locator("mark").evaluate_all("ms => ms.map(m => [m.className, m.textContent])")
    assert marks == [["kg-trigger", "توسطت"], ["kg-subject", "قطر"], ["kg-object", "حماس"]]
    assert p.info().locator('p.kg-sentence[dir="rtl"]').count() == 1
    page.screenshot(path=str(ARTIFACTS / "viewer-small-edge.png"))

    # The edge whose sentence holds <script>: shown as text, never run.
    page.evaluate("kgViewer.view.selectEdge(kgViewer.data.edges.rel.findIndex("
                  "r => kgViewer.data.relations[r][0] === 'criticizes'))")
    assert EVIL_SENTENCE in p.info().inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"

    # Filters: the legend hides a type, relation and modality rows, date range, minimum support.
    visible = "kgViewer.data.nodes.id.filter((id, i) => kgViewer.filters.nodeVisible[i])"
    page.click("#kg-legend li[data-value='Country']")
    assert page.evaluate(visible) == ["Q1", "Q2", "Q3"]  # a type filter hides that type only
    assert page.locator("#kg-legend li[data-value='Country']").get_attribute("aria-checked") == "false"
    assert page.locator("#kg-stats").inner_text().startswith("showing 3 nodes / 1 edges")
    page.click("#kg-reset")
    page.click("#kg-relations li[data-value='attacks']")
    assert page.evaluate(visible) == ["Q1", "Q2", "Q79", "Q846"]
    page.click("#kg-reset")
    page.click("#kg-modalities li[data-value='asserted']")
    assert page.evaluate(visible) == ["Q79", "Q846"]
    page.click("#kg-reset")
    page.fill("#kg-date-from", "2024-05-03")
    page.fill("#kg-date-to", "2024-06-30")
    assert page.evaluate(visible) == ["Q1", "Q2", "Q79", "Q846"]
    page.click("#kg-reset")
    page.locator("#kg-support").fill("3")
    assert page.evaluate(visible) == ["Q1", "Q846"]
    page.click("#kg-reset")
    assert page.evaluate(visible) == ["Q1", "Q2", "Q3", "Q79", "Q846"]

    # A click on empty canvas clears the selection.
    page.mouse.click(*p.graph_point("({x: 5, y: 5})"))
    page.wait_for_function("!document.getElementById('kg-info').hasAttribute('data-kind')", timeout=5_000)
    p.check_clean()


def test_large_graph_is_interactive(browser, tmp_path: Path) -> None:
    """10,000 nodes / 30,000 edges: load, search, filter click, edge click (timings recorded)."""
    graph = large_graph()
    path = tmp_path / "graph.html"
    started = time.perf_counter()
    write_html(graph, path, title="kg 10k")
    write_seconds = time.perf_counter() - started
    size_mb = path.stat().st_size / 1e6
    p = Page(browser, path)
    page = p.page
    ready_ms = page.evaluate("window.kgTimings.ready")
    assert page.evaluate("kgViewer.data.nodes.id.length") == 10_000
    assert page.evaluate("kgViewer.data.edges.s.length") == 30_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "viewer-10k-loaded.png"))

    timings: dict[str, float] = {}
    t = time.perf_counter()
    page.fill("#kg-search", "مكتب انقره")
    page.wait_for_selector("#kg-search-results li[data-node='n42']", timeout=10_000)
    page.click("#kg-search-results li[data-node='n42']")
    p.wait_info("node")
    timings["search_s"] = time.perf_counter() - t
    assert p.info().get_attribute("data-id") == "n42"
    page.screenshot(path=str(ARTIFACTS / "viewer-10k-search.png"))

    t = time.perf_counter()
    page.click("#kg-relations li[data-value='threatens']")
    page.wait_for_function("!kgViewer.filters.edgeVisible[kgViewer.data.edges.rel.findIndex("
                           "r => kgViewer.data.relations[r][0] === 'threatens')]", timeout=10_000)
    timings["filter_click_s"] = time.perf_counter() - t
    page.click("#kg-reset")

    # An edge of the selected node, clicked with the mouse at its middle (zoomed in on it).
    page.wait_for_function("!kgViewer.renderer.animating", timeout=10_000)
    spot = page.evaluate("""(() => {
        const r = kgViewer.renderer, E = kgViewer.data.edges;
        for (const e of kgViewer.view.incidentEdges(kgViewer.nodeIndex('n42'))) {
            const a = r.screenOf(E.s[e]), b = r.screenOf(E.t[e]);
            for (const k of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                const x = Math.round(a.x + k * (b.x - a.x)), y = Math.round(a.y + k * (b.y - a.y));
                if (x > 20 && x < r.w - 20 && y > 20 && y < r.h - 20 && r.itemAt(x, y)[1] >= 0) return {x, y};
            }
        }
        return null; })()""")
    assert spot is not None, "no edge of the found node can be clicked on screen"
    box = page.locator("#kg-graph").bounding_box()
    t = time.perf_counter()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    p.wait_info("edge")
    timings["edge_click_s"] = time.perf_counter() - t
    assert "Source sentences" in p.info().inner_text()
    page.screenshot(path=str(ARTIFACTS / "viewer-10k-edge.png"))
    p.check_clean()

    record = {"nodes": 10_000, "edges": 30_000, "page_mb": round(size_mb, 2), "write_s": round(write_seconds, 2),
              "load_to_interactive_s": round(ready_ms / 1000, 2), "wall_load_s": round(p.wall, 2),
              **{k: round(v, 3) for k, v in timings.items()}}
    (ARTIFACTS / "viewer-10k-timings.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print("viewer 10k/30k:", record)
