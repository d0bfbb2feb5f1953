/* footback page, shared DOM helpers (explorer, lessons, quiz). Text from the
 * data is only ever set with textContent, attributes with setAttribute;
 * never innerHTML. Every file of the page adds to window.footbackLib. */
(function (lib) {
  "use strict";

  /* el("p", {text: "…", className: "x", dir: "auto"}, [child, "text", …]) */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; }
        else if (k === "className") { node.className = attrs[k]; }
        else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
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

  lib.dom = { el: el, clear: clear, $: $, svg: svg, short: short, SHORT: SHORT };
})(window.footbackLib = window.footbackLib || {});
