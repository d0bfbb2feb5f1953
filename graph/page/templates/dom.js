/* footback page, shared DOM helpers (explorer, lessons, quiz). Text from the
 * data is only ever set with textContent, attributes with setAttribute;
 * never innerHTML. Every file of the page adds to window.footbackLib. */
(function (lib) {
  "use strict";

  /* Text from a graph with the characters that could disguise it shown as
   * escapes, as the command line shows them (graph.present.visible): C0 and C1
   * controls but the line break, bidi embedding, override and isolate marks
   * (a U+202E would show "RTL" as "LTR"), line and paragraph separators. */
  var UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb]/g;
  var NAMED = { "\r": "\\r", "\t": "\\t" };
  function visible(text) {
    return String(text).replace(UNSAFE, function (ch) {
      if (NAMED[ch]) { return NAMED[ch]; }
      var c = ch.charCodeAt(0), hex = c.toString(16);
      return c < 0x100 ? "\\x" + ("0" + hex).slice(-2) : "\\u" + ("000" + hex).slice(-4);
    });
  }

  /* el("p", {text: "…", className: "x", dir: "auto"}, [child, "text", …]): text and
   * attribute values are shown visibly (see visible). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = visible(attrs[k]); }
        else if (k === "className") { node.className = attrs[k]; }
        else { node.setAttribute(k, visible(attrs[k])); }
      });
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(visible(c)) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function $(id) { return document.getElementById(id); }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }

  /* How many characters of a label the drawing and the lists show; the details
   * panel shows it whole. A 1 MB label would otherwise stall the page. */
  var SHORT = 80;
  function short(text, limit) {
    text = String(text);
    limit = limit || SHORT;
    return text.length > limit ? text.slice(0, limit - 1) + "\u2026" : text;
  }

  lib.dom = { el: el, clear: clear, $: $, svg: svg, short: short, SHORT: SHORT, visible: visible };
})(window.footbackLib = window.footbackLib || {});
