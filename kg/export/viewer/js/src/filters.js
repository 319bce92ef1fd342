// Filters: entity types (the legend), relations, modality, date range and
// minimum support. They decide which nodes and edges are drawn; the reducers
// in main.js read the two visibility arrays this computes.
import { el } from "./dom.js";

export class Filters {
  constructor(data, onChange) {
    this.data = data;
    this.onChange = onChange;
    this.hiddenTypes = new Set();
    this.hiddenRelations = new Set();
    this.hiddenModalities = new Set();
    this.dateFrom = "";
    this.dateTo = "";
    this.minSupport = 1;
    this.nodeVisible = new Uint8Array(data.nodes.id.length);
    this.edgeVisible = new Uint8Array(data.edges.s.length);
    this.compute();
  }

  edgeFilterActive() {
    return this.hiddenRelations.size > 0 || this.hiddenModalities.size > 0 || !!this.dateFrom || !!this.dateTo || this.minSupport > 1;
  }

  compute() {
    const d = this.data, E = d.edges, N = d.nodes;
    const typeOn = new Uint8Array(N.id.length);
    for (let i = 0; i < N.id.length; i++) typeOn[i] = this.hiddenTypes.has(N.type[i]) ? 0 : 1;
    const active = this.edgeFilterActive();
    const touched = new Uint8Array(N.id.length);
    let shownEdges = 0;
    for (let e = 0; e < E.s.length; e++) {
      let on = typeOn[E.s[e]] && typeOn[E.t[e]] && !this.hiddenRelations.has(E.rel[e]) && !this.hiddenModalities.has(E.mod[e]) && E.n[e] >= this.minSupport;
      if (on && (this.dateFrom || this.dateTo)) {
        on = !!E.d0[e] && (!this.dateFrom || E.d1[e] >= this.dateFrom) && (!this.dateTo || E.d0[e] <= this.dateTo);
      }
      this.edgeVisible[e] = on ? 1 : 0;
      if (on) { touched[E.s[e]] = 1; touched[E.t[e]] = 1; shownEdges++; }
    }
    let shownNodes = 0;
    for (let i = 0; i < N.id.length; i++) {
      // With an edge filter on, nodes left without a shown edge are hidden too.
      this.nodeVisible[i] = typeOn[i] && (!active || touched[i]) ? 1 : 0;
      shownNodes += this.nodeVisible[i];
    }
    this.shown = { nodes: shownNodes, edges: shownEdges };
  }

  changed() {
    this.compute();
    this.onChange();
  }

  // One clickable row per value; `hidden` is the set the row toggles.
  toggleList(root, items, hidden, kind) {
    root.textContent = "";
    for (const item of items) {
      const li = el("li", null, { "data-kind": kind, "data-value": item.name, role: "checkbox", "aria-checked": "true", tabindex: "0" });
      if (item.color) li.appendChild(el("span", null, { class: "kg-swatch", style: `background:${item.color}` }));
      li.appendChild(el("span", item.name));
      if (item.ar) li.appendChild(el("span", item.ar, { class: "kg-ar", dir: "rtl", lang: "ar" }));
      li.appendChild(el("span", String(item.count), { class: "kg-count" }));
      const toggle = () => {
        if (hidden.has(item.index)) hidden.delete(item.index); else hidden.add(item.index);
        li.classList.toggle("kg-off", hidden.has(item.index));
        li.setAttribute("aria-checked", hidden.has(item.index) ? "false" : "true");
        this.changed();
      };
      li.addEventListener("click", toggle);
      li.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); } });
      root.appendChild(li);
      item.li = li;
    }
    return items;
  }

  counts(values, size) {
    const c = new Array(size).fill(0);
    for (const v of values) c[v]++;
    return c;
  }

  build() {
    const d = this.data;
    const typeCounts = this.counts(d.nodes.type, d.types.length);
    const types = d.types.map(([name, color], index) => ({ name, color, index, count: typeCounts[index] })).filter((t) => t.count > 0);
    this.typeItems = this.toggleList(document.getElementById("kg-legend"), types, this.hiddenTypes, "type");
    const relCounts = this.counts(d.edges.rel, d.relations.length);
    const rels = d.relations.map(([name, ar], index) => ({ name, ar, index, count: relCounts[index] })).sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    this.relationItems = this.toggleList(document.getElementById("kg-relations"), rels, this.hiddenRelations, "relation");
    const modCounts = this.counts(d.edges.mod, d.modalities.length);
    const mods = d.modalities.map((name, index) => ({ name, index, count: modCounts[index] }));
    this.modalityItems = this.toggleList(document.getElementById("kg-modalities"), mods, this.hiddenModalities, "modality");

    const setAll = (items, hidden, on) => {
      hidden.clear();
      if (!on) items.forEach((it) => hidden.add(it.index));
      items.forEach((it) => { it.li.classList.toggle("kg-off", !on); it.li.setAttribute("aria-checked", on ? "true" : "false"); });
      this.changed();
    };
    document.querySelector('[data-all="relations"]').addEventListener("click", () => setAll(this.relationItems, this.hiddenRelations, true));
    document.querySelector('[data-none="relations"]').addEventListener("click", () => setAll(this.relationItems, this.hiddenRelations, false));

    const from = document.getElementById("kg-date-from"), to = document.getElementById("kg-date-to");
    const dates = d.edges.d0.filter(Boolean).concat(d.edges.d1.filter(Boolean)).sort();
    if (dates.length) {
      for (const input of [from, to]) { input.min = dates[0]; input.max = dates[dates.length - 1]; }
    }
    from.addEventListener("change", () => { this.dateFrom = from.value; this.changed(); });
    to.addEventListener("change", () => { this.dateTo = to.value; this.changed(); });

    const support = document.getElementById("kg-support"), supportValue = document.getElementById("kg-support-value");
    let max = 1;
    for (const n of d.edges.n) if (n > max) max = n;
    support.max = String(Math.min(max, 50));
    support.addEventListener("input", () => { this.minSupport = Number(support.value); supportValue.textContent = support.value; this.changed(); });

    document.getElementById("kg-reset").addEventListener("click", () => {
      this.hiddenTypes.clear(); this.hiddenRelations.clear(); this.hiddenModalities.clear();
      this.dateFrom = this.dateTo = ""; from.value = to.value = "";
      this.minSupport = 1; support.value = "1"; supportValue.textContent = "1";
      for (const it of [...this.typeItems, ...this.relationItems, ...this.modalityItems]) { it.li.classList.remove("kg-off"); it.li.setAttribute("aria-checked", "true"); }
      this.changed();
    });
  }
}
