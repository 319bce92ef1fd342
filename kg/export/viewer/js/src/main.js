// kg's graph viewer: reads the data kg put into the page, draws it at the
// positions Python computed (no physics here) and wires up search, filters
// and the side panel.
import { Filters } from "./filters.js";
import { fold } from "./fold.js";
import { Panel } from "./panel.js";
import { Renderer } from "./renderer.js";
import { searchNodes, setUpSearch } from "./search.js";

const FONT = '"Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

// Big payloads come gzip-compressed and base64-encoded (a third of the size);
// the browser's own DecompressionStream unpacks them.
async function readData() {
  const node = document.getElementById("kg-data");
  if (node.getAttribute("data-encoding") !== "gzip+base64") return JSON.parse(node.textContent);
  const raw = atob(node.textContent.trim());
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

function adjacency(n, E) {
  const count = new Uint32Array(n + 1);
  for (let e = 0; e < E.s.length; e++) { count[E.s[e] + 1]++; if (E.t[e] !== E.s[e]) count[E.t[e] + 1]++; }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const fill = count.slice(0, n), list = new Uint32Array(count[n]);
  for (let e = 0; e < E.s.length; e++) { list[fill[E.s[e]]++] = e; if (E.t[e] !== E.s[e]) list[fill[E.t[e]]++] = e; }
  return (i) => list.subarray(count[i], count[i + 1]);
}

async function start() {
  const t0 = performance.now();
  const data = await readData();
  const tParsed = performance.now();
  const N = data.nodes, E = data.edges;
  const n = N.id.length, m = E.s.length;
  const edgesOf = adjacency(n, E);
  const degree = new Uint32Array(n);
  for (let i = 0; i < n; i++) degree[i] = edgesOf(i).length;
  const indexOf = new Map(N.id.map((id, i) => [id, i]));

  const state = { node: -1, neighbours: new Set(), edge: -1 };
  const filters = new Filters(data, () => { renderer.draw(); updateStats(); });
  const nearSelected = (e) => state.node >= 0 && (E.s[e] === state.node || E.t[e] === state.node);
  const style = {
    nodeStyle(i) {
      if (i === state.node) return 3;
      if (!filters.nodeVisible[i]) return 0;
      if (state.node >= 0) return state.neighbours.has(i) ? 1 : 2;
      if (state.edge >= 0) return i === E.s[state.edge] || i === E.t[state.edge] ? 3 : 2;
      return 1;
    },
    edgeStyle(e) {
      if (e === state.edge) return 4;
      if (!filters.edgeVisible[e]) return 0;
      if (state.node >= 0) return nearSelected(e) ? 3 : 2;
      if (state.edge >= 0) return 2;
      return 1;
    },
    forcedLabel(i) {
      return i === state.node || (state.neighbours.size <= 40 && state.neighbours.has(i)) ||
        (state.edge >= 0 && (i === E.s[state.edge] || i === E.t[state.edge]));
    },
    edgeLabelForced(e) { return e === state.edge || (nearSelected(e) && state.neighbours.size <= 40); },
    edgeLabelZoom() { return Math.max(1.5, Math.sqrt(n) / 12); },
  };
  const model = {
    n, m, x: Float32Array.from(N.x), y: Float32Array.from(N.y), size: Float32Array.from(N.size),
    color: N.type.map((k) => data.types[k][1]), s: Uint32Array.from(E.s), t: Uint32Array.from(E.t),
    label: N.label, labelAr: N.ar, edgeLabel: (e) => data.relations[E.rel[e]][0],
  };
  const container = document.getElementById("kg-graph");
  const renderer = new Renderer(container, model, style, FONT);
  const tLayout = performance.now();

  const view = {
    selectNode(i, moveCamera) {
      state.node = i; state.edge = -1;
      state.neighbours = new Set();
      for (const e of edgesOf(i)) state.neighbours.add(E.s[e] === i ? E.t[e] : E.s[e]);
      panel.showNode(i);
      if (moveCamera) {
        const cam = renderer.camAround(i, [...state.neighbours]);
        renderer.animateTo(cam.x, cam.y, cam.scale);
      }
      else renderer.draw();
    },
    selectEdge(e, moveCamera) {
      state.edge = e; state.node = -1; state.neighbours = new Set();
      panel.showEdge(e);
      if (moveCamera) {
        const a = E.s[e], b = E.t[e];
        renderer.animateTo((model.x[a] + model.x[b]) / 2, (model.y[a] + model.y[b]) / 2, renderer.cam.scale);
      } else renderer.draw();
    },
    clearSelection() {
      state.node = -1; state.edge = -1; state.neighbours = new Set();
      panel.reset();
      renderer.draw();
    },
    incidentEdges: (i) => Array.from(edgesOf(i)),
    edgesBetween: (a, b) => Array.from(edgesOf(a)).filter((e) => (E.s[e] === a && E.t[e] === b) || (E.s[e] === b && E.t[e] === a)),
  };
  view.fit = () => { renderer.fit(); renderer.draw(); };
  document.getElementById("kg-fit").addEventListener("click", view.fit);
  const panel = new Panel(document.getElementById("kg-info"), data, view);
  renderer.on("clickNode", (i) => view.selectNode(i));
  renderer.on("clickEdge", (e) => view.selectEdge(e));
  renderer.on("clickStage", () => view.clearSelection());

  const stats = document.getElementById("kg-stats");
  function updateStats() {
    const { nodes, edges } = filters.shown;
    const all = `${n.toLocaleString("en")} nodes \u00b7 ${m.toLocaleString("en")} edges`;
    stats.textContent = nodes === n && edges === m ? all : `showing ${nodes.toLocaleString("en")} nodes / ${edges.toLocaleString("en")} edges of ${all}`;
  }
  filters.build();
  updateStats();
  setUpSearch(data, degree, (i) => view.selectNode(i, true));
  if (data.focus && indexOf.has(data.focus.id)) view.selectNode(indexOf.get(data.focus.id), false);
  else renderer.draw();

  // Hooks for the browser test and the benchmark (they also click for real).
  window.kgViewer = {
    data, state, filters, view, renderer, fold,
    search: (q) => searchNodes(data, degree, q).map((i) => N.id[i]),
    nodeIndex: (id) => indexOf.get(id),
    nodeViewport: (id) => renderer.screenOf(indexOf.get(id)),
    edgeViewport: (e) => {
      const a = renderer.screenOf(E.s[e]), b = renderer.screenOf(E.t[e]);
      return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    },
  };
  requestAnimationFrame(() => requestAnimationFrame(() => {
    window.kgTimings = { start: t0, data: tParsed - t0, draw: tLayout - tParsed, lastDraw: renderer.lastDrawMs, ready: performance.now() };
    window.kgReady = true;
    document.body.setAttribute("data-kg-ready", "1");
  }));
}

start().catch((err) => {
  window.kgError = String((err && err.stack) || err);
  const box = document.getElementById("kg-error");
  box.textContent = "The viewer could not start: " + ((err && err.message) || err);
  box.hidden = false;
  console.error(err);
});
