// The page's copy of kg.text.normalize (camel-tools' matching form), applied
// to the typed query; node search keys were folded the same way in Python.
// Per character: NFKC, Arabic diacritics (U+064B-U+0652, U+0670) and tatweel
// removed, alef with hamza or madda (أ إ آ ٱ) -> ا, ى -> ي, ة -> ه,
// Arabic-Indic digits -> 0-9, lower case.
const DIACRITICS = /[\u064B-\u0652\u0670\u0640]/g;
const ALEFS = /[\u0625\u0623\u0671\u0622]/g;
const DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹";

function foldChar(ch) {
  let out = ch.normalize("NFKC");
  out = out.replace(DIACRITICS, "").replace(ALEFS, "\u0627").replace(/\u0649/g, "\u064A").replace(/\u0629/g, "\u0647");
  let res = "";
  for (const c of out) {
    const d = DIGITS.indexOf(c);
    res += d >= 0 ? String(d % 10) : c;
  }
  return res.toLowerCase();
}

export function fold(text) {
  let out = "";
  for (const ch of String(text)) out += foldChar(ch);
  return out.split(/\s+/).filter(Boolean).join(" ");
}
