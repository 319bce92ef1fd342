// DOM helpers: text always goes in through textContent, never as HTML.
export function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
  return e;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const ARABIC = /[\u0600-\u06FF]/;
export function isArabic(text) {
  return ARABIC.test(String(text || ""));
}
