"""The query page of `kg serve`: YASGUI (served by the oxigraph server that
kg serve runs, so nothing is fetched from the internet) beside the shipped
named queries; one click puts a query in the editor and runs it."""

from __future__ import annotations

import html
import json

from kg.named_queries import NamedQuery
from kg.namespaces import PREFIXES


def prefix_block() -> str:
    return "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in PREFIXES.items())


def query_text(query: NamedQuery) -> str:
    """A named query with its defaults filled in and its prefixes declared
    (YASGUI shows the text as it will be sent)."""
    defaults = {p.name: p.default for p in query.params if p.default is not None}
    return prefix_block() + query.render(defaults)


def landing_page(queries: list[NamedQuery], store_label: str) -> str:
    items = []
    for i, q in enumerate(queries):
        params = "".join(
            f"<li><code>${html.escape(p.name)}</code> {html.escape(p.type)}"
            f"{' = ' + html.escape(p.default) if p.default else (' (optional)' if p.optional else '')}"
            f"{': ' + html.escape(p.help) if p.help else ''}</li>" for p in q.params)
        items.append(
            f'<li><a href="#" data-query="{i}" class="kg-query"><b>{html.escape(q.name)}</b></a>'
            f'<div class="desc">{html.escape(q.description)}</div>'
            + (f'<ul class="params">{params}</ul>' if params else "") + "</li>")
    texts = json.dumps([query_text(q) for q in queries], ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>kg SPARQL: {html.escape(store_label)}</title>
<link href="./yasgui.min.css" rel="stylesheet" type="text/css">
<script src="./yasgui.min.js"></script>
<style>
 body {{ margin: 0; font-family: sans-serif; display: flex; height: 100vh; }}
 #side {{ width: 22em; overflow-y: auto; padding: 0.8em; border-right: 1px solid #ccc; font-size: 0.9em; }}
 #side h1 {{ font-size: 1.1em; margin: 0 0 0.3em 0; }}
 #side ul.queries {{ list-style: none; padding: 0; }}
 #side ul.queries > li {{ margin-bottom: 0.8em; }}
 #side .desc {{ color: #444; }}
 #side ul.params {{ margin: 0.2em 0 0 1em; padding: 0; color: #555; font-size: 0.9em; }}
 #main {{ flex: 1; overflow: auto; }}
</style>
</head>
<body>
<div id="side">
<h1>kg: {html.escape(store_label)}</h1>
<p>SPARQL 1.1 endpoint: <code id="endpoint">/query</code> (GET or POST; JSON, CSV, TSV or XML results by
the Accept header). The prefixes {", ".join(f"<code>{p}:</code>" for p in PREFIXES)} are predeclared.
Read-only. Click a query to run it; edit <code>$parameters</code> in the editor.</p>
<ul class="queries">
{"".join(items)}
</ul>
</div>
<div id="main"><div id="yasgui"></div></div>
<script>
 const endpoint = window.location.origin + "/query";
 document.getElementById("endpoint").textContent = endpoint;
 const texts = {texts};
 const yasgui = new Yasgui(document.getElementById("yasgui"), {{
   requestConfig: {{ endpoint: endpoint, method: "POST" }},
   copyEndpointOnNewTab: false,
   yasqe: {{ prefixCcApi: window.location.origin + "/prefixes.json" }},
   endpointCatalogueOptions: {{ getData: function () {{ return [{{ endpoint: endpoint }}]; }}, keys: [] }},
 }});
 for (const link of document.querySelectorAll("a.kg-query")) {{
   link.addEventListener("click", function (event) {{
     event.preventDefault();
     const tab = yasgui.getTab();
     tab.setQuery(texts[Number(link.dataset.query)]);
     tab.query();
   }});
 }}
</script>
</body>
</html>
"""
