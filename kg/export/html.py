"""Interactive, fully offline HTML viewer for the knowledge graph (pyvis).

Public API::

    render_html(graph, title="kg") -> str
    write_html(graph, path, title="kg") -> None     # atomic write

The page is self-contained: vis-network (JS + CSS) is inlined by pyvis'
``cdn_resources="in_line"`` mode, and every external ``<link>``/``<script src>``
that pyvis' template still emits (Bootstrap 5 from cdn.jsdelivr.net) is
stripped. Nothing in the page relies on Bootstrap: the select/filter menus
(Bootstrap + TomSelect) are not used, and layout/legend/info panel are styled
by our own inline CSS. If a future pyvis template adds another external
resource that we do not know how to strip, rendering fails loudly instead of
producing a page that phones home.

Node/edge details are stored as plain data in vis' DataSets (serialised by
Jinja's ``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``) and shown by
a small script that builds DOM nodes with ``textContent`` -- text is never
interpreted as HTML. Hover tooltips are plain-text ``title`` strings (vis-network
9 sets them with ``innerText``).
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx
from pyvis.network import Network

from kg.atomic import write_text_atomic

__all__ = ["render_html", "write_html", "TYPE_COLORS", "FONT_STACK"]

FONT_STACK = '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif'

# Fixed palette (colour-blind friendly-ish, Okabe-Ito inspired).
TYPE_COLORS: dict[str, str] = {
    "Country": "#0072B2",
    "Person": "#E69F00",
    "Organization": "#009E73",
    "ArmedGroup": "#D55E00",
    "Group": "#CC79A7",
    "Place": "#56B4E9",
}
OTHER_COLOR = "#999999"
OTHER_TYPE = "Other"

BIG_GRAPH_EDGES = 2000
MAX_TOOLTIP_SENTENCES = 5
_MAX_TOOLTIP_SENTENCE_CHARS = 300

# --- stripping external resources from pyvis' template --------------------

_EXTERNAL_URL = r"""["']?\s*(?:https?:)?//"""
_EXTERNAL_LINK_RE = re.compile(r"<link\b[^>]*?\bhref\s*=\s*" + _EXTERNAL_URL + r"[^>]*>", re.I | re.S)
_EXTERNAL_SCRIPT_RE = re.compile(
    r"<script\b[^>]*?\bsrc\s*=\s*" + _EXTERNAL_URL + r"[^>]*>\s*</script\s*>", re.I | re.S
)
# Commented-out reference to ../node_modules/vis in pyvis' template.
_NODE_MODULES_COMMENT_RE = re.compile(r"<!--(?:(?!-->).)*?node_modules(?:(?!-->).)*?-->", re.S)
# pyvis prints <center><h1>{{heading}}</h1></center> twice (once inside <head>);
# we render our own header instead.
_EMPTY_HEADING_RE = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
# Anything left that would make the browser fetch from the network.
_REMAINING_EXTERNAL_RE = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


_DATA_START = "nodes = new vis.DataSet("
_DATA_END = "edges = new vis.DataSet("


def _strip_external(page: str) -> str:
    """Remove external resources from pyvis' markup, leaving the data untouched.

    The node/edge JSON (escaped by ``|tojson``: it cannot contain tags) is
    excluded from the scan: it is large, and a source sentence that happens to
    contain ``href=http://...`` must not be mistaken for page markup.
    """
    start = page.find(_DATA_START)
    end = page.find("\n", page.find(_DATA_END, max(start, 0)))
    if start < 0 or end < 0:
        raise RuntimeError("unexpected pyvis template: node/edge data not found")
    return _strip_markup(page[:start]) + page[start:end] + _strip_markup(page[end:])


def _strip_markup(page: str) -> str:
    page = _EXTERNAL_LINK_RE.sub("", page)
    page = _EXTERNAL_SCRIPT_RE.sub("", page)
    page = _NODE_MODULES_COMMENT_RE.sub("", page)
    page = _EMPTY_HEADING_RE.sub("", page)
    leftover = _REMAINING_EXTERNAL_RE.search(page)
    if leftover:
        context = page[max(0, leftover.start() - 80) : leftover.end() + 80]
        raise RuntimeError(f"pyvis template still references an external resource: {context!r}")
    return page


# --- graph -> vis data -----------------------------------------------------


def _color_for(node_type: str) -> str:
    return TYPE_COLORS.get(node_type, OTHER_COLOR)


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)):
        return [_str(value)]
    return [_str(v) for v in value]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _node_label(label: str, label_ar: str) -> str:
    if label_ar and label_ar != label:
        return f"{label}\n{label_ar}"
    return label


def _edge_tooltip(src_label: str, dst_label: str, e: dict[str, Any]) -> str:
    lines = [f"{src_label} → {e['relation']} → {dst_label}"]
    if e["label_ar"]:
        lines.append(e["label_ar"])
    meta = []
    if e["dates"]:
        meta.append("dates: " + ", ".join(e["dates"]))
    if e["modality"]:
        meta.append("modality: " + e["modality"])
    if e["confidence"] is not None:
        meta.append(f"confidence: {e['confidence']:.2f}")
    meta.append(f"count: {e['count']}")
    lines.append(" | ".join(meta))
    sentences = e["sentences"]
    for s in sentences[:MAX_TOOLTIP_SENTENCES]:
        lines.append("• " + _shorten(s, _MAX_TOOLTIP_SENTENCE_CHARS))
    if len(sentences) > MAX_TOOLTIP_SENTENCES:
        lines.append(f"… (+{len(sentences) - MAX_TOOLTIP_SENTENCES} more, click the edge)")
    return "\n".join(lines)


def _sort_key(value: Any) -> tuple[str, str]:
    return (type(value).__name__, str(value))


def _build_vis_data(graph: networkx.MultiDiGraph) -> tuple[list[dict], list[dict]]:
    skey = {n: _sort_key(n) for n in graph.nodes}
    node_ids = sorted(graph.nodes, key=skey.__getitem__)
    node_labels: dict[Any, str] = {}
    nodes: list[dict] = []
    for n in node_ids:
        attrs = graph.nodes[n]
        label = _str(attrs.get("label")) or _str(n)
        label_ar = _str(attrs.get("label_ar"))
        ntype = _str(attrs.get("type")) or OTHER_TYPE
        degree = graph.degree(n)
        node_labels[n] = label
        title_lines = [label]
        if label_ar:
            title_lines.append(label_ar)
        title_lines.append(f"type: {ntype}")
        title_lines.append(f"id: {n}")
        title_lines.append(f"degree: {degree}")
        nodes.append(
            {
                "id": _str(n),
                "label": _node_label(label, label_ar),
                "title": "\n".join(title_lines),
                "color": _color_for(ntype),
                "shape": "dot",
                "size": round(min(60.0, 10.0 + 4.0 * math.sqrt(degree)), 2),
                # kg_* fields are ignored by vis and read by the info panel.
                "kg_label": label,
                "kg_label_ar": label_ar,
                "kg_type": ntype,
                "kg_degree": degree,
            }
        )

    raw_edges = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        relation = _str(attrs.get("relation")) or _str(key)
        sentences = _str_list(attrs.get("sentences"))
        confidence = attrs.get("confidence")
        raw_edges.append(
            {
                "u": u,
                "v": v,
                "key": _str(key),
                "relation": relation,
                "label_ar": _str(attrs.get("label_ar")),
                "sentences": sentences,
                "docs": _str_list(attrs.get("docs")),
                "dates": _str_list(attrs.get("dates")),
                "modality": _str(attrs.get("modality")),
                "confidence": float(confidence) if confidence is not None else None,
                "count": int(attrs.get("count") or len(sentences)),
            }
        )
    raw_edges.sort(key=lambda e: (skey[e["u"]], skey[e["v"]], e["key"], e["relation"]))

    # Parallel / antiparallel edges between the same pair would be drawn on top
    # of each other: fan them out as curves of increasing roundness.
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(raw_edges):
        u, v = e["u"], e["v"]
        pair = (u, v) if skey[u] <= skey[v] else (v, u)
        groups[pair].append(i)
    smooth: dict[int, Any] = {}
    for pair, idxs in groups.items():
        if len(idxs) == 1 and pair[0] != pair[1]:
            continue
        offset = 0 if len(idxs) % 2 == 1 else 1
        for rank, i in enumerate(idxs):
            pos = rank + offset
            if pos == 0:
                smooth[i] = False
                continue
            roundness = round(0.25 * ((pos + 1) // 2), 2)
            clockwise = pos % 2 == 1
            if raw_edges[i]["u"] != pair[0]:
                clockwise = not clockwise  # keep the same geometric side
            smooth[i] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": roundness,
            }

    edges: list[dict] = []
    for i, e in enumerate(raw_edges):
        edge = {
            "id": f"e{i}",
            "from": _str(e["u"]),
            "to": _str(e["v"]),
            "label": e["relation"],
            "title": _edge_tooltip(node_labels[e["u"]], node_labels[e["v"]], e),
            "arrows": "to",
            "width": round(1.0 + min(5.0, math.log2(1 + max(e["count"], 0))), 2),
            "kg_relation": e["relation"],
            "kg_label_ar": e["label_ar"],
            "kg_sentences": e["sentences"],
            "kg_docs": e["docs"],
            "kg_dates": e["dates"],
            "kg_modality": e["modality"],
            "kg_confidence": e["confidence"],
            "kg_count": e["count"],
        }
        if i in smooth:
            edge["smooth"] = smooth[i]
        edges.append(edge)
    return nodes, edges


def _options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    big = n_edges > BIG_GRAPH_EDGES
    return {
        "autoResize": True,
        "layout": {"randomSeed": 42, "improvedLayout": not big and n_nodes <= 150},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {
                "face": FONT_STACK,
                "size": 14,
                "color": "#222222",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "multi": False,
            },
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#8a8a8a", "highlight": "#d62728", "hover": "#444444"},
            "font": {
                "face": FONT_STACK,
                "size": 11,
                "align": "middle",
                "color": "#444444",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.2},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "navigationButtons": False,
            "multiselect": False,
        },
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -8000 if not big else -3000,
                "centralGravity": 0.3,
                "springLength": 160 if not big else 95,
                "springConstant": 0.04,
                "damping": 0.2 if not big else 0.4,
                "avoidOverlap": 0.2 if not big else 0.0,
            },
            "minVelocity": 0.75 if not big else 2.0,
            "stabilization": {
                "enabled": True,
                "iterations": 1000 if not big else 150,
                "updateInterval": 25 if not big else 10,
                "fit": True,
            },
        },
    }


# --- page additions ----------------------------------------------------------

_CSS = """
<style type="text/css">
  html, body { margin: 0; padding: 0; font-family: %(font)s; color: #222; }
  body { margin-right: 380px; }
  #kg-header { padding: 6px 12px; border-bottom: 1px solid #ddd; }
  #kg-header h1 { font-size: 18px; margin: 0 0 4px 0; }
  #kg-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; }
  #kg-legend .kg-legend-item { display: inline-flex; align-items: center; gap: 5px; }
  #kg-legend .kg-swatch { width: 12px; height: 12px; border-radius: 50%%; display: inline-block;
                          border: 1px solid rgba(0,0,0,.3); }
  #kg-stats { font-size: 12px; color: #666; margin-left: auto; }
  #mynetwork { float: none !important; box-sizing: border-box; }
  .card { border: 0; }
  #kg-info { position: fixed; top: 0; right: 0; bottom: 0; width: 370px; box-sizing: border-box;
             overflow-y: auto; padding: 10px 12px; border-left: 1px solid #ccc; background: #fafafa;
             font-size: 14px; line-height: 1.5; }
  #kg-info h2 { font-size: 16px; margin: 0 0 6px 0; }
  #kg-info h3 { font-size: 14px; margin: 10px 0 4px 0; }
  #kg-info .kg-muted { color: #777; }
  #kg-info dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; }
  #kg-info dt { font-weight: bold; color: #555; }
  #kg-info dd { margin: 0; overflow-wrap: anywhere; }
  #kg-info [dir="rtl"] { text-align: right; font-size: 16px; }
  #kg-info ol, #kg-info ul { margin: 4px 0; padding-inline-start: 22px; }
  #kg-info li { margin-bottom: 6px; }
  #kg-info .kg-sentence { background: #fff; border: 1px solid #e3e3e3; border-radius: 4px;
                          padding: 4px 8px; }
  .vis-tooltip { white-space: pre-wrap !important; max-width: 480px; font-family: %(font)s !important;
                 unicode-bidi: plaintext; }
</style>
"""

_INFO_SCRIPT = r"""
<script type="text/javascript">
(function () {
  "use strict";
  var info = document.getElementById("kg-info");
  window.kgStabilized = false;
  function markStable() {
    window.kgStabilized = true;
    document.body.setAttribute("data-kg-stabilized", "1");
  }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (attrs) { for (var k in attrs) { e.setAttribute(k, attrs[k]); } }
    return e;
  }
  function row(dl, key, value, rtl) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", key));
    dl.appendChild(el("dd", value, rtl ? {dir: "rtl", lang: "ar"} : null));
  }
  function clear() { while (info.firstChild) { info.removeChild(info.firstChild); } }
  function nodeName(id) {
    var n = nodes.get(id);
    return n ? n.kg_label : String(id);
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    clear();
    info.setAttribute("data-kind", "edge");
    info.setAttribute("data-id", String(id));
    info.appendChild(el("h2", nodeName(e.from) + " \u2192 " + e.kg_relation + " \u2192 " + nodeName(e.to), {dir: "ltr"}));
    var dl = el("dl");
    row(dl, "relation", e.kg_relation);
    row(dl, "relation (ar)", e.kg_label_ar, true);
    row(dl, "dates", (e.kg_dates || []).join(", "));
    row(dl, "modality", e.kg_modality);
    if (e.kg_confidence !== null && e.kg_confidence !== undefined) {
      row(dl, "confidence", Number(e.kg_confidence).toFixed(2));
    }
    row(dl, "count", e.kg_count);
    row(dl, "docs", (e.kg_docs || []).join(", "));
    info.appendChild(dl);
    var sents = e.kg_sentences || [];
    info.appendChild(el("h3", "Source sentences (" + sents.length + ")"));
    var ol = el("ol", null, {dir: "rtl", lang: "ar"});
    sents.forEach(function (s) {
      ol.appendChild(el("li", s, {dir: "rtl", lang: "ar", "class": "kg-sentence"}));
    });
    info.appendChild(ol);
  }
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    clear();
    info.setAttribute("data-kind", "node");
    info.setAttribute("data-id", String(id));
    info.appendChild(el("h2", n.kg_label));
    if (n.kg_label_ar) { info.appendChild(el("div", n.kg_label_ar, {dir: "rtl", lang: "ar"})); }
    var dl = el("dl");
    row(dl, "type", n.kg_type);
    row(dl, "id", n.id);
    row(dl, "degree", n.kg_degree);
    info.appendChild(dl);
    var conn = network.getConnectedEdges(id).map(function (eid) { return edges.get(eid); })
      .filter(function (e) { return !!e; });
    conn.sort(function (a, b) {
      var ka = a.kg_relation + "\u0000" + a.from + "\u0000" + a.to;
      var kb = b.kg_relation + "\u0000" + b.from + "\u0000" + b.to;
      return ka < kb ? -1 : (ka > kb ? 1 : 0);
    });
    info.appendChild(el("h3", "Relations (" + conn.length + ")"));
    var ul = el("ul");
    conn.slice(0, 200).forEach(function (e) {
      var li = el("li");
      var a = el("a", nodeName(e.from) + " \u2192 " + e.kg_relation + " \u2192 " + nodeName(e.to) +
                 " (" + e.kg_count + ")", {href: "#"});
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        network.selectEdges([e.id]);
        showEdge(e.id);
      });
      li.appendChild(a);
      if ((e.kg_sentences || []).length) {
        li.appendChild(el("div", e.kg_sentences[0], {dir: "rtl", lang: "ar", "class": "kg-sentence"}));
      }
      ul.appendChild(li);
    });
    if (conn.length > 200) { ul.appendChild(el("li", "\u2026 " + (conn.length - 200) + " more", {"class": "kg-muted"})); }
    info.appendChild(ul);
  }
  window.kgShowEdge = showEdge;
  window.kgShowNode = showNode;
  if (typeof network === "undefined" || !network) { return; }
  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges && params.edges.length) { showEdge(params.edges[0]); }
  });
  network.once("stabilizationIterationsDone", function () {
    %(after_stabilization)s
    markStable();
  });
  network.once("stabilized", markStable);
})();
</script>
"""


def _legend_html(types_present: set[str]) -> str:
    items = []
    for t, color in list(TYPE_COLORS.items()) + [(OTHER_TYPE, OTHER_COLOR)]:
        if t == OTHER_TYPE and not (types_present - set(TYPE_COLORS)):
            continue
        items.append(
            '<span class="kg-legend-item" data-type="%s"><span class="kg-swatch" style="background:%s">'
            "</span>%s</span>" % (html.escape(t), html.escape(color), html.escape(t))
        )
    return '<div id="kg-legend">%s<span id="kg-stats">%%(stats)s</span></div>' % "".join(items)


def render_html(graph: networkx.MultiDiGraph, title: str = "kg") -> str:
    """Render `graph` as a self-contained, offline, interactive HTML page."""
    nodes, edges = _build_vis_data(graph)
    n_nodes, n_edges = len(nodes), len(edges)
    big = n_edges > BIG_GRAPH_EDGES

    net = Network(
        height="calc(100vh - 70px)",
        width="100%",
        directed=True,
        bgcolor="#ffffff",
        heading="",
        cdn_resources="in_line",
    )
    # Bypass Network.add_node/add_edge: each call re-scans the nodes added
    # so far. bench/bench_html.py measured the two paths as about equal up to
    # 20k edges here, so this is for the many-edge case, not a measured win.
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [n["id"] for n in nodes]
    net.node_map = {n["id"]: n for n in nodes}
    net.options = _options(n_nodes, n_edges)
    # Jinja's |tojson escapes <, >, & and ' (safe inside <script>); keep the
    # Arabic as UTF-8 instead of \uXXXX escapes (readable, ~3x smaller).
    net.templateEnv.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}

    page = net.generate_html(notebook=False)
    page = _strip_external(page)

    esc_title = html.escape(title)
    types_present = {n["kg_type"] for n in nodes}
    stats = html.escape(f"{n_nodes} nodes · {n_edges} edges")
    header = (
        '<div id="kg-header"><h1>%s</h1>%s</div>'
        % (esc_title, _legend_html(types_present).replace("%(stats)s", stats))
    )
    panel = (
        '<div id="kg-info" aria-live="polite"><h2>%s</h2>'
        '<p class="kg-muted">Click a node or an edge to see its details and source sentences.</p>'
        "</div>" % esc_title
    )
    after = 'network.setOptions({physics: {enabled: false}});' if big else ""
    script = _INFO_SCRIPT % {"after_stabilization": after}

    page = page.replace("<head>", '<head>\n<meta name="viewport" content="width=device-width">'
                        "\n<title>%s</title>" % esc_title, 1)
    page = _insert_before(page, "</head>", _CSS % {"font": FONT_STACK})
    page = re.sub(r"<body>", lambda m: "<body>\n" + header + "\n" + panel, page, count=1)
    page = _insert_before(page, "</body>", script)
    page = page.replace("<html>", '<!DOCTYPE html>\n<html lang="en">', 1)
    return page


def _insert_before(page: str, marker: str, snippet: str) -> str:
    idx = page.rfind(marker)
    if idx < 0:
        raise RuntimeError(f"pyvis template has no {marker!r}")
    return page[:idx] + snippet + page[idx:]


def write_html(graph: networkx.MultiDiGraph, path: Path, title: str = "kg") -> None:
    """Render `graph` and write it atomically to `path`."""
    write_text_atomic(Path(path), render_html(graph, title=title))
