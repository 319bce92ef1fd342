// A Canvas 2D renderer for large graphs, made for machines without a GPU.
//
// sigma.js (WebGL) was tried first: in headless Chromium on the project's
// machine (no GPU, so WebGL runs on SwiftShader, a CPU rasteriser) one frame
// of 10,000 nodes / 30,000 edges took about 2 s, even with every edge hidden
// 0.85 s; batched Canvas 2D paths draw the same frame in about 0.2 s
// (bench/RESULTS.md). So the page draws with Canvas 2D: edges batched into
// one path per style, nodes one path per colour, edges off screen culled,
// arrowheads and edge labels only where they can be seen, and node labels
// placed on a grid so they never pile up. Hover effects go on a second
// canvas, so moving the mouse never redraws the 30,000 edges.
import { drawEdgeLabel, drawEdgeLabels, drawNodeLabel, drawNodeLabels } from "./labels.js";

const NODE_DIM = "#e4e4e4";
const EDGE_STYLES = [
  null,
  { color: "rgba(110,110,110,0.35)", width: 1 },   // 1 normal
  { color: "rgba(190,190,190,0.10)", width: 1 },   // 2 dimmed
  { color: "rgba(50,50,50,0.85)", width: 1.6 },    // 3 near the selection
  { color: "#d62728", width: 3 },                  // 4 selected
];

export class Renderer {
  // model: n, m, x, y, size (Float32Array), color (strings), s, t (Uint32Array), label, labelAr, edgeLabel(e)
  // style: nodeStyle(i) 0 hidden, 1 normal, 2 dimmed, 3 highlighted; edgeStyle(e) 0..4 as EDGE_STYLES;
  //        forcedLabel(i), edgeLabelForced(e)
  constructor(container, model, style, font) {
    this.container = container;
    this.model = model;
    this.style = style;
    this.font = font;
    this.main = this.addCanvas();
    this.overlay = this.addCanvas();
    this.cam = { x: 0, y: 0, scale: 1 };
    this.segment = new Float64Array(4);
    this.fitScale = 1;
    this.hoverNode = -1;
    this.hoverEdge = -1;
    this.moving = false;
    this.lastDrawMs = 0;
    this.frame = 0;
    this.listeners = {};
    this.labelled = new Uint8Array(model.n);
    this.resize();
    this.fit();
    this.bindEvents();
    new ResizeObserver(() => { this.resize(); this.draw(); }).observe(container);
  }

  on(name, fn) { this.listeners[name] = fn; }
  emit(name, arg) { if (this.listeners[name]) this.listeners[name](arg); }

  addCanvas() {
    const c = document.createElement("canvas");
    c.style.position = "absolute";
    c.style.left = "0";
    c.style.top = "0";
    this.container.appendChild(c);
    return c;
  }

  resize() {
    const ratio = window.devicePixelRatio || 1;
    this.w = this.container.clientWidth || 1;
    this.h = this.container.clientHeight || 1;
    for (const c of [this.main, this.overlay]) {
      c.width = Math.round(this.w * ratio);
      c.height = Math.round(this.h * ratio);
      c.style.width = this.w + "px";
      c.style.height = this.h + "px";
      c.getContext("2d").setTransform(ratio, 0, 0, ratio, 0, 0);
    }
  }

  fit(nodes) {
    this.stopAnimation();
    const { x, y, n } = this.model;
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    const list = nodes || Array.from({ length: n }, (_, i) => i);
    for (const i of list) {
      if (x[i] < x0) x0 = x[i]; if (x[i] > x1) x1 = x[i];
      if (y[i] < y0) y0 = y[i]; if (y[i] > y1) y1 = y[i];
    }
    if (!isFinite(x0)) { x0 = x1 = y0 = y1 = 0; }
    const pad = 80;
    const scale = Math.min((this.w - 2 * pad) / Math.max(x1 - x0, 1e-9), (this.h - 2 * pad) / Math.max(y1 - y0, 1e-9));
    const s = isFinite(scale) && scale > 0 ? Math.min(scale, 60) : 1;
    if (!nodes) this.fitScale = s;
    this.cam = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, scale: s };
  }

  zoom() { return this.cam.scale / this.fitScale; }
  sx(gx) { return (gx - this.cam.x) * this.cam.scale + this.w / 2; }
  sy(gy) { return (gy - this.cam.y) * this.cam.scale + this.h / 2; }
  radius(i) { return Math.max(1.5, Math.min(30, this.model.size[i] * Math.pow(this.zoom(), 0.25))); }
  screenOf(i) { return { x: this.sx(this.model.x[i]), y: this.sy(this.model.y[i]) }; }

  requestDraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.draw(); });
  }

  draw() {
    const t0 = performance.now();
    const ctx = this.main.getContext("2d");
    const { n, m, s, t, color } = this.model;
    const { nodeStyle, edgeStyle } = this.style;
    ctx.clearRect(0, 0, this.w, this.h);
    const X = new Float32Array(n), Y = new Float32Array(n), R = new Float32Array(n), ns = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      ns[i] = nodeStyle(i);
      X[i] = this.sx(this.model.x[i]); Y[i] = this.sy(this.model.y[i]); R[i] = this.radius(i) * (ns[i] === 2 ? 0.6 : 1);
    }
    this.screen = { X, Y, R, ns };
    const skipEdges = this.moving && this.lastDrawMs > 60 && m > 5000;
    const arrows = this.zoom() > 2.5;
    const buckets = [null, [], [], [], []];
    if (!skipEdges) {
      for (let e = 0; e < m; e++) {
        const st = edgeStyle(e);
        if (!st) continue;
        const a = s[e], b = t[e];
        if (a === b) continue;
        const xa = X[a], ya = Y[a], xb = X[b], yb = Y[b];
        if ((xa < 0 && xb < 0) || (xa > this.w && xb > this.w) || (ya < 0 && yb < 0) || (ya > this.h && yb > this.h)) continue;
        buckets[st].push(e);
      }
    }
    const drawEdges = (st) => {
      if (!buckets[st].length) return;
      const { color: c, width } = EDGE_STYLES[st];
      ctx.strokeStyle = c; ctx.fillStyle = c; ctx.lineWidth = width;
      ctx.beginPath();
      const seg = this.segment;
      for (const e of buckets[st]) {
        if (this.clip(X[s[e]], Y[s[e]], X[t[e]], Y[t[e]])) { ctx.moveTo(seg[0], seg[1]); ctx.lineTo(seg[2], seg[3]); }
      }
      ctx.stroke();
      // Arrowheads: for the selection always, for the rest only when zoomed in on
      // a few thousand edges. Filled 200 at a time: one path of 20,000 small
      // triangles piled on hubs took Canvas 2D 2.5 s to fill.
      if (st >= 3 || (st === 1 && arrows && buckets[st].length <= 4000)) {
        let count = 0;
        ctx.beginPath();
        for (const e of buckets[st]) {
          const xb = X[t[e]], yb = Y[t[e]];
          if (xb < -20 || xb > this.w + 20 || yb < -20 || yb > this.h + 20) continue;
          this.arrowPath(ctx, X[s[e]], Y[s[e]], xb, yb, R[t[e]], width);
          if (++count % 200 === 0) { ctx.fill(); ctx.beginPath(); }
        }
        ctx.fill();
      }
    };
    const drawNodes = (pass) => {
      const groups = new Map();
      for (let i = 0; i < n; i++) {
        if (ns[i] !== pass) continue;
        if (X[i] < -R[i] || X[i] > this.w + R[i] || Y[i] < -R[i] || Y[i] > this.h + R[i]) continue;
        const c = pass === 2 ? NODE_DIM : color[i];
        if (!groups.has(c)) groups.set(c, []);
        groups.get(c).push(i);
      }
      for (const [c, list] of groups) {
        ctx.fillStyle = c;
        ctx.beginPath();
        for (const i of list) { ctx.moveTo(X[i] + R[i], Y[i]); ctx.arc(X[i], Y[i], R[i], 0, 2 * Math.PI); }
        ctx.fill();
        if (pass !== 2) {
          ctx.strokeStyle = pass === 3 ? "#111" : "rgba(255,255,255,0.9)";
          ctx.lineWidth = pass === 3 ? 2 : 0.8;
          ctx.stroke();
        }
      }
    };
    // Back to front: what the selection dims, then the rest, then the selection.
    drawEdges(2); drawNodes(2);
    drawEdges(1); drawEdges(3); drawNodes(1);
    drawEdges(4); drawNodes(3);
    if (!(this.moving && this.lastDrawMs > 60)) {
      this.drawNodeLabels(ctx);
      if (!skipEdges) this.drawEdgeLabels(ctx, buckets);
    }
    this.lastDrawMs = performance.now() - t0;
    this.drawOverlay();
  }

  // Liang-Barsky: the part of a segment inside the canvas (plus a margin) into
  // this.segment. Canvas 2D strokes a line that runs far off the canvas very
  // slowly (2.4 s for a frame of 30,000 edges zoomed in 6x, 30 ms clipped).
  clip(xa, ya, xb, yb) {
    const m = 10, x0 = -m, y0 = -m, x1 = this.w + m, y1 = this.h + m;
    const dx = xb - xa, dy = yb - ya;
    let t0 = 0, t1 = 1;
    const p = [-dx, dx, -dy, dy], q = [xa - x0, x1 - xa, ya - y0, y1 - ya];
    for (let k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) return false; continue; }
      const r = q[k] / p[k];
      if (p[k] < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
      else { if (r < t0) return false; if (r < t1) t1 = r; }
    }
    const seg = this.segment;
    seg[0] = xa + t0 * dx; seg[1] = ya + t0 * dy; seg[2] = xa + t1 * dx; seg[3] = ya + t1 * dy;
    return true;
  }

  arrowPath(ctx, xa, ya, xb, yb, rb, width) {
    const dx = xb - xa, dy = yb - ya, len = Math.hypot(dx, dy);
    const size = 5 + 2 * width;
    if (len < rb + size * 2) return;
    const ux = dx / len, uy = dy / len;
    const tipX = xb - ux * rb, tipY = yb - uy * rb;
    const baseX = tipX - ux * size, baseY = tipY - uy * size;
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(baseX - uy * size * 0.5, baseY + ux * size * 0.5);
    ctx.lineTo(baseX + uy * size * 0.5, baseY - ux * size * 0.5);
    ctx.closePath();
  }

  labelFont(size) { return `${size}px ${this.font}`; }

  drawNodeLabel(ctx, i, x, y, radius, dim) { drawNodeLabel(this, ctx, i, x, y, radius, dim); }
  drawNodeLabels(ctx) { drawNodeLabels(this, ctx); }
  drawEdgeLabel(ctx, e, strong) { drawEdgeLabel(this, ctx, e, strong); }
  drawEdgeLabels(ctx, buckets) { drawEdgeLabels(this, ctx, buckets); }

  drawOverlay() {
    const ctx = this.overlay.getContext("2d");
    ctx.clearRect(0, 0, this.w, this.h);
    if (!this.screen) return;
    const { X, Y, R } = this.screen;
    const { s, t } = this.model;
    if (this.hoverEdge >= 0) {
      const e = this.hoverEdge;
      ctx.strokeStyle = "rgba(30,30,30,0.9)"; ctx.fillStyle = ctx.strokeStyle; ctx.lineWidth = 2.5;
      ctx.beginPath(); ctx.moveTo(X[s[e]], Y[s[e]]); ctx.lineTo(X[t[e]], Y[t[e]]); ctx.stroke();
      ctx.beginPath(); this.arrowPath(ctx, X[s[e]], Y[s[e]], X[t[e]], Y[t[e]], R[t[e]], 2.5); ctx.fill();
      this.drawEdgeLabel(ctx, e, false);
    }
    if (this.hoverNode >= 0) {
      const i = this.hoverNode;
      ctx.save();
      ctx.shadowBlur = 8; ctx.shadowColor = "rgba(0,0,0,0.45)"; ctx.fillStyle = "#fff";
      ctx.beginPath(); ctx.arc(X[i], Y[i], R[i] + 3, 0, 2 * Math.PI); ctx.fill();
      ctx.font = this.labelFont(15);
      const wEn = ctx.measureText(this.model.label[i] || "").width, wAr = ctx.measureText(this.model.labelAr[i] || "").width;
      ctx.fillRect(X[i] + R[i] + 1, Y[i] - 16, Math.max(wEn, wAr) + 8, 36);
      ctx.restore();
      ctx.fillStyle = this.model.color[i];
      ctx.beginPath(); ctx.arc(X[i], Y[i], R[i], 0, 2 * Math.PI); ctx.fill();
      this.drawNodeLabel(ctx, i, X[i], Y[i], R[i], false);
    }
  }

  // What a click at (px, py) means: [node, -1], [-1, edge] or [-1, -1]. A node
  // wins, except a dimmed one over an edge of the selection.
  itemAt(px, py) {
    const node = this.nodeAt(px, py);
    if (node >= 0 && this.screen.ns[node] !== 2) return [node, -1];
    const edge = this.edgeAt(px, py);
    if (edge >= 0 && (node < 0 || this.style.edgeStyle(edge) >= 3)) return [-1, edge];
    return [node, -1];
  }

  nodeAt(px, py) {
    if (!this.screen) return -1;
    const { X, Y, R, ns } = this.screen;
    let best = -1, bestD = Infinity;
    for (let i = 0; i < this.model.n; i++) {
      if (!ns[i]) continue;
      const d = Math.hypot(X[i] - px, Y[i] - py);
      if (d <= R[i] + (ns[i] === 2 ? 0 : 3) && (d < bestD || (ns[i] > ns[best] && d <= R[i]))) { best = i; bestD = d; }
    }
    return best;
  }

  edgeAt(px, py, tolerance = 5) {
    if (!this.screen) return -1;
    const { X, Y } = this.screen;
    const { s, t, m } = this.model;
    let best = -1, bestD = tolerance, bestStyle = 0;
    for (let e = 0; e < m; e++) {
      const st = this.style.edgeStyle(e);
      if (!st) continue;
      const xa = X[s[e]], ya = Y[s[e]], xb = X[t[e]], yb = Y[t[e]];
      if (Math.min(xa, xb) > px + tolerance || Math.max(xa, xb) < px - tolerance ||
          Math.min(ya, yb) > py + tolerance || Math.max(ya, yb) < py - tolerance) continue;
      const dx = xb - xa, dy = yb - ya, len2 = dx * dx + dy * dy;
      const k = len2 ? Math.max(0, Math.min(1, ((px - xa) * dx + (py - ya) * dy) / len2)) : 0;
      const d = Math.hypot(xa + k * dx - px, ya + k * dy - py);
      const rank = st === 2 ? 0 : st;
      if (d < bestD || (d <= tolerance && rank > bestStyle)) { best = e; bestD = d; bestStyle = rank; }
    }
    return best;
  }

  // Centred on node i, zoomed so that most (80%) of `others` are on screen.
  camAround(i, others) {
    const { x, y } = this.model;
    const spans = others.map((j) => Math.max(Math.abs(x[j] - x[i]) / Math.max(1, this.w / 2 - 70),
                                            Math.abs(y[j] - y[i]) / Math.max(1, this.h / 2 - 50))).sort((a, b) => a - b);
    const q = spans.length ? spans[Math.floor(0.8 * (spans.length - 1))] : 0;
    const scale = q > 0 ? 1 / q : this.fitScale * 4;
    return { x: x[i], y: y[i], scale: Math.max(this.fitScale * 1.2, Math.min(this.fitScale * 30, scale)) };
  }

  stopAnimation() {
    this.animToken = (this.animToken || 0) + 1;
    this.animating = false;
  }

  animateTo(gx, gy, scale, duration = 300) {
    this.stopAnimation();
    const token = this.animToken;
    this.animating = true;
    const from = { ...this.cam }, t0 = performance.now();
    const step = () => {
      if (token !== this.animToken) return; // replaced by another move, a fit or the user
      const k = Math.min(1, (performance.now() - t0) / duration);
      this.animating = k < 1;
      const q = k * (2 - k);
      this.cam = { x: from.x + (gx - from.x) * q, y: from.y + (gy - from.y) * q, scale: from.scale * Math.pow(scale / from.scale, q) };
      this.moving = k < 1;
      this.draw();
      if (k < 1) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }

  bindEvents() {
    const el = this.overlay;
    let down = null, moved = false, settle = 0;
    const pos = (ev) => { const r = el.getBoundingClientRect(); return { x: ev.clientX - r.left, y: ev.clientY - r.top }; };
    const stopMoving = () => { clearTimeout(settle); settle = setTimeout(() => { this.moving = false; this.draw(); }, 140); };
    el.addEventListener("mousedown", (ev) => { this.stopAnimation(); down = { ...pos(ev), cam: { ...this.cam } }; moved = false; });
    window.addEventListener("mousemove", (ev) => {
      const p = pos(ev);
      if (down) {
        if (!moved && Math.hypot(p.x - down.x, p.y - down.y) < 4) return;
        moved = true;
        this.moving = true;
        this.cam = { ...down.cam, x: down.cam.x - (p.x - down.x) / this.cam.scale, y: down.cam.y - (p.y - down.y) / this.cam.scale };
        this.requestDraw();
        return;
      }
      if (ev.target !== el) return;
      if (this.hoverPending) return;
      this.hoverPending = true;
      requestAnimationFrame(() => {
        this.hoverPending = false;
        const [node, edge] = this.itemAt(p.x, p.y);
        if (node !== this.hoverNode || edge !== this.hoverEdge) {
          this.hoverNode = node; this.hoverEdge = edge;
          el.style.cursor = node >= 0 || edge >= 0 ? "pointer" : "";
          this.drawOverlay();
        }
      });
    });
    window.addEventListener("mouseup", (ev) => {
      if (!down) return;
      const p = pos(ev);
      const wasDrag = moved;
      down = null;
      if (wasDrag) { stopMoving(); return; }
      const [node, edge] = this.itemAt(p.x, p.y);
      if (node >= 0) this.emit("clickNode", node);
      else if (edge >= 0) this.emit("clickEdge", edge);
      else this.emit("clickStage");
    });
    el.addEventListener("mouseleave", () => { this.hoverNode = this.hoverEdge = -1; this.drawOverlay(); });
    el.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      this.stopAnimation();
      const p = pos(ev);
      const factor = Math.pow(1.0015, -ev.deltaY);
      const scale = Math.max(this.fitScale * 0.2, Math.min(this.fitScale * 400, this.cam.scale * factor));
      const gx = this.cam.x + (p.x - this.w / 2) / this.cam.scale, gy = this.cam.y + (p.y - this.h / 2) / this.cam.scale;
      this.cam = { scale, x: gx - (p.x - this.w / 2) / scale, y: gy - (p.y - this.h / 2) / scale };
      this.moving = true;
      this.requestDraw();
      stopMoving();
      this.emit("zoom", this.zoom());
    }, { passive: false });
  }
}
