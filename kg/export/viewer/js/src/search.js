// Search by English or Arabic name: the query is folded like kg's
// normaliser, and matched inside each node's precomputed key.
import { el } from "./dom.js";
import { fold } from "./fold.js";

export function searchNodes(data, degree, query, limit = 30) {
  const q = fold(query);
  if (!q) return [];
  const keys = data.nodes.key;
  const hits = [];
  for (let i = 0; i < keys.length; i++) {
    const at = keys[i].indexOf(q);
    if (at < 0) continue;
    const names = keys[i].split("|");
    const rank = names.includes(q) ? 0 : names.some((n) => n.startsWith(q)) ? 1 : 2;
    hits.push([rank, -degree[i], i]);
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return hits.slice(0, limit).map((h) => h[2]);
}

export function setUpSearch(data, degree, onPick) {
  const input = document.getElementById("kg-search");
  const list = document.getElementById("kg-search-results");
  let results = [];
  let timer = null;
  const render = () => {
    list.textContent = "";
    results = searchNodes(data, degree, input.value);
    if (!input.value.trim()) { list.hidden = true; return; }
    if (!results.length) {
      list.appendChild(el("li", "no match", { class: "kg-muted" }));
    }
    results.forEach((i, k) => {
      const li = el("li", null, { role: "option", "data-node": data.nodes.id[i], "aria-selected": k === 0 ? "true" : "false" });
      li.appendChild(el("span", data.nodes.label[i]));
      if (data.nodes.ar[i]) li.appendChild(el("span", data.nodes.ar[i], { class: "kg-ar", dir: "rtl", lang: "ar" }));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
      list.appendChild(li);
    });
    list.hidden = false;
  };
  const pick = (i) => { list.hidden = true; onPick(i); };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 80); });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { clearTimeout(timer); render(); if (results.length) pick(results[0]); }
    if (ev.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("blur", () => { setTimeout(() => { list.hidden = true; }, 150); });
  input.addEventListener("focus", () => { if (input.value.trim()) render(); });
}
