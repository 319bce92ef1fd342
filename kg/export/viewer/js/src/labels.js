// Labels on the canvas: node names (English, and under it Arabic drawn
// right-to-left: the browser shapes the letters itself) placed so that they
// never overlap, and edge labels only where they can be read.
const MAX_LABELS = 400;
const MAX_EDGE_LABELS = 250;

// English name, and under it the Arabic name drawn right-to-left; the
// browser shapes the Arabic letters itself.
export function drawNodeLabel(rr, ctx, i, x, y, radius, dim) {
  const { label, labelAr } = rr.model;
  const lines = [];
  if (label[i]) lines.push([label[i], false]);
  if (labelAr[i] && labelAr[i] !== label[i]) lines.push([labelAr[i], true]);
  let ly = y + 4 - (lines.length > 1 ? 8 : 0);
  ctx.textAlign = "left";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255,255,255,0.9)";
  ctx.fillStyle = dim ? "#9a9a9a" : "#1d1d1d";
  for (const [text, rtl] of lines) {
    ctx.font = rr.labelFont(rtl ? 15 : 13);
    ctx.direction = rtl ? "rtl" : "ltr";
    ctx.strokeText(text, x + radius + 3, ly);
    ctx.fillText(text, x + radius + 3, ly);
    ly += rtl ? 17 : 15;
  }
  ctx.direction = "ltr";
}

export function drawNodeLabels(r, ctx) {
  const { X, Y, R, ns } = r.screen;
  const { n, size } = r.model;
  r.labelled.fill(0);
  const forced = [], rest = [];
  for (let i = 0; i < n; i++) {
    if (ns[i] === 0 || ns[i] === 2) continue;
    if (X[i] < -50 || X[i] > r.w || Y[i] < -20 || Y[i] > r.h + 20) continue;
    if (r.style.forcedLabel(i)) forced.push(i);
    else if (R[i] >= 4) rest.push(i);
  }
  rest.sort((a, b) => size[b] - size[a] || a - b);
  // Labels never overlap: each claims the cells of a coarse grid its box
  // covers, and a label whose cells are taken is left out (forced ones are drawn anyway).
  const CELL = 12, cols = Math.ceil(r.w / CELL) + 1, taken = new Uint8Array(cols * (Math.ceil(r.h / CELL) + 2));
  const ctxFont = r.labelFont(15);
  ctx.font = ctxFont;
  let count = 0;
  const place = (i, force) => {
    const width = Math.max(ctx.measureText(r.model.label[i] || "").width, ctx.measureText(r.model.labelAr[i] || "").width);
    const x0 = Math.max(0, Math.floor((X[i] + R[i]) / CELL)), x1 = Math.min(cols - 1, Math.floor((X[i] + R[i] + 4 + width) / CELL));
    const y0 = Math.max(0, Math.floor((Y[i] - 14) / CELL)), y1 = Math.floor((Y[i] + 22) / CELL);
    if (!force) {
      for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) if (taken[cy * cols + cx]) return;
    }
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) if (cy * cols + cx < taken.length) taken[cy * cols + cx] = 1;
    r.labelled[i] = 1;
    drawNodeLabel(r, ctx, i, X[i], Y[i], R[i], false);
    ctx.font = ctxFont;
    count++;
  };
  for (const i of forced) place(i, true);
  for (const i of rest) { if (count >= MAX_LABELS) break; place(i, false); }
}

export function drawEdgeLabel(r, ctx, e, strong) {
  const { X, Y } = r.screen;
  const a = r.model.s[e], b = r.model.t[e];
  const xa = X[a], ya = Y[a], xb = X[b], yb = Y[b];
  let angle = Math.atan2(yb - ya, xb - xa);
  if (angle > Math.PI / 2 || angle < -Math.PI / 2) angle += Math.PI;
  ctx.save();
  ctx.translate((xa + xb) / 2, (ya + yb) / 2);
  ctx.rotate(angle);
  ctx.font = r.labelFont(12);
  ctx.textAlign = "center";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255,255,255,0.95)";
  ctx.fillStyle = strong ? "#a01010" : "#333";
  const text = r.model.edgeLabel(e);
  ctx.strokeText(text, 0, -4);
  ctx.fillText(text, 0, -4);
  ctx.restore();
}

// Edge labels only where they can be read: zoomed in far enough, both ends
// labelled and the edge long enough on screen; or forced (selection).
export function drawEdgeLabels(r, ctx, buckets) {
  const { X, Y } = r.screen;
  const { s, t } = r.model;
  const zoomedIn = r.zoom() >= r.style.edgeLabelZoom();
  let count = 0;
  const seenPairs = new Set();
  for (let st = 4; st >= 1; st--) {
    for (const e of buckets[st]) {
      if (count >= MAX_EDGE_LABELS) return;
      const forced = r.style.edgeLabelForced(e);
      if (!forced && !(zoomedIn && st !== 2 && r.labelled[s[e]] && r.labelled[t[e]])) continue;
      if (Math.hypot(X[t[e]] - X[s[e]], Y[t[e]] - Y[s[e]]) < 70) continue;
      const pair = s[e] < t[e] ? s[e] + ":" + t[e] : t[e] + ":" + s[e];
      if (seenPairs.has(pair) && st < 4) continue; // parallel edges: one label
      seenPairs.add(pair);
      drawEdgeLabel(r, ctx, e, st === 4);
      count++;
    }
  }
}

