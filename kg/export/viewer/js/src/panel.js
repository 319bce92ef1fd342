// The side panel: a node's relations grouped by type, an edge's evidence.
import { clear, el, isArabic } from "./dom.js";

function row(dl, key, value, rtl) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
  dl.appendChild(el("dt", key));
  const text = Array.isArray(value) ? value.join(", ") : value;
  dl.appendChild(el("dd", text, rtl || isArabic(text) ? { dir: "rtl", lang: "ar" } : null));
}

// A sentence with its trigger and both arguments marked. Spans that overlap
// an earlier one are left unmarked rather than cut.
export function markedSentence(sentence, spans) {
  const p = el("p", null, { dir: "rtl", lang: "ar", class: "kg-sentence" });
  const marks = spans.filter((s) => s[0] >= 0 && s[1] > s[0] && s[1] <= sentence.length).sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [start, end, cls, title] of marks) {
    if (start < at) continue;
    if (start > at) p.appendChild(document.createTextNode(sentence.slice(at, start)));
    p.appendChild(el("mark", sentence.slice(start, end), { class: cls, title }));
    at = end;
  }
  if (at < sentence.length) p.appendChild(document.createTextNode(sentence.slice(at)));
  return p;
}

export class Panel {
  constructor(root, data, view) {
    this.root = root;
    this.data = data;
    this.view = view; // selectNode, selectEdge, nodeName
    this.help = root.firstElementChild ? root.firstElementChild.cloneNode(true) : null;
  }

  reset() {
    clear(this.root);
    this.root.removeAttribute("data-kind");
    this.root.removeAttribute("data-id");
    if (this.help) this.root.appendChild(this.help.cloneNode(true));
  }

  link(text, onClick, attrs) {
    const a = el("a", text, Object.assign({ href: "#" }, attrs || {}));
    a.addEventListener("click", (ev) => { ev.preventDefault(); onClick(); });
    return a;
  }

  showNode(i) {
    const d = this.data, v = this.view;
    clear(this.root);
    this.root.setAttribute("data-kind", "node");
    this.root.setAttribute("data-id", d.nodes.id[i]);
    this.root.appendChild(el("h2", d.nodes.label[i]));
    if (d.nodes.ar[i]) this.root.appendChild(el("div", d.nodes.ar[i], { dir: "rtl", lang: "ar", class: "kg-ar-name" }));
    const dl = el("dl");
    row(dl, "type", d.types[d.nodes.type[i]][0]);
    row(dl, "id", d.nodes.id[i]);
    const edges = v.incidentEdges(i);
    row(dl, "relations", String(edges.length));
    this.root.appendChild(dl);
    const groups = new Map();
    for (const e of edges) {
      const rel = d.edges.rel[e];
      if (!groups.has(rel)) groups.set(rel, []);
      groups.get(rel).push(e);
    }
    const order = [...groups.keys()].sort((a, b) => groups.get(b).length - groups.get(a).length || (d.relations[a][0] < d.relations[b][0] ? -1 : 1));
    for (const rel of order) {
      const list = groups.get(rel);
      const h = el("h3", `${d.relations[rel][0]} (${list.length})`, { "data-relation": d.relations[rel][0] });
      if (d.relations[rel][1]) h.appendChild(el("span", "  " + d.relations[rel][1], { dir: "rtl", lang: "ar", class: "kg-muted" }));
      this.root.appendChild(h);
      const ul = el("ul", null, { class: "kg-relation-group" });
      list.sort((a, b) => d.edges.n[b] - d.edges.n[a]);
      for (const e of list.slice(0, 300)) {
        const out = d.edges.s[e] === i;
        const other = out ? d.edges.t[e] : d.edges.s[e];
        const li = el("li");
        li.appendChild(el("span", out ? "\u2192 " : "\u2190 ", { class: "kg-muted" }));
        li.appendChild(this.link(d.nodes.label[other], () => v.selectNode(other, true), { "data-node": d.nodes.id[other] }));
        const mod = d.modalities[d.edges.mod[e]];
        li.appendChild(el("span", ` ${mod !== "asserted" ? mod + ", " : ""}${d.edges.n[e]} report(s) `, { class: "kg-muted" }));
        li.appendChild(this.link("sources", () => v.selectEdge(e), { "data-edge": "e" + e }));
        ul.appendChild(li);
      }
      if (list.length > 300) ul.appendChild(el("li", `\u2026 ${list.length - 300} more`, { class: "kg-muted" }));
      this.root.appendChild(ul);
    }
  }

  showEdge(e) {
    const d = this.data, v = this.view;
    const s = d.edges.s[e], t = d.edges.t[e];
    const [dates, deadlines, places, otherDocs, evidence] = d.details[e];
    clear(this.root);
    this.root.setAttribute("data-kind", "edge");
    this.root.setAttribute("data-id", "e" + e);
    const h = el("h2", null, { dir: "ltr" });
    h.appendChild(this.link(d.nodes.label[s], () => v.selectNode(s, true)));
    h.appendChild(document.createTextNode(` \u2192 ${d.relations[d.edges.rel[e]][0]} \u2192 `));
    h.appendChild(this.link(d.nodes.label[t], () => v.selectNode(t, true)));
    this.root.appendChild(h);
    const dl = el("dl");
    row(dl, "relation (ar)", d.relations[d.edges.rel[e]][1], true);
    row(dl, "modality", d.modalities[d.edges.mod[e]]);
    if (d.edges.conf[e] !== null) row(dl, "confidence", Number(d.edges.conf[e]).toFixed(2));
    row(dl, "reports", String(d.edges.n[e]));
    row(dl, "date", dates);
    row(dl, "deadline", deadlines);
    row(dl, "place", places);
    row(dl, "other documents", otherDocs);
    this.root.appendChild(dl);
    const subj = d.nodes.label[s], obj = d.nodes.label[t];
    this.root.appendChild(el("h3", `Source sentences (${evidence.length}${d.edges.n[e] > evidence.length ? " of " + d.edges.n[e] : ""})`));
    const ol = el("ol", null, { class: "kg-evidence" });
    for (const [sent, doc, ts, te, ss, se, os, oe, conf] of evidence) {
      const li = el("li");
      const text = d.sentences[sent];
      li.appendChild(markedSentence(text, [[ts, te, "kg-trigger", "trigger"], [ss, se, "kg-subject", "subject: " + subj], [os, oe, "kg-object", "object: " + obj]]));
      const src = el("div", null, { class: "kg-source" });
      if (doc >= 0) {
        const [docId, title, date] = d.docs[doc];
        if (title) src.appendChild(el("div", title, { dir: "rtl", lang: "ar", class: "kg-doc-title" }));
        src.appendChild(el("span", [docId, date].filter(Boolean).join(" \u00b7 ")));
      }
      if (conf !== null && conf !== undefined) src.appendChild(el("span", ` \u00b7 confidence ${Number(conf).toFixed(2)}`));
      li.appendChild(src);
      ol.appendChild(li);
    }
    this.root.appendChild(ol);
    const siblings = v.edgesBetween(s, t).filter((x) => x !== e);
    if (siblings.length) {
      this.root.appendChild(el("h3", `Other relations between them (${siblings.length})`));
      const ul = el("ul");
      for (const x of siblings) {
        const li = el("li");
        const dir = d.edges.s[x] === s ? "\u2192" : "\u2190";
        li.appendChild(this.link(`${dir} ${d.relations[d.edges.rel[x]][0]} (${d.modalities[d.edges.mod[x]]}, ${d.edges.n[x]})`, () => v.selectEdge(x), { "data-edge": "e" + x }));
        ul.appendChild(li);
      }
      this.root.appendChild(ul);
    }
  }
}
