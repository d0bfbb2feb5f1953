// Read a .cyjs file with Cytoscape.js (headless) and print what it holds, as JSON.
// Used by tests/test_real_readers.py: node read_cyjs.js FILE
const fs = require("fs");
const cytoscape = require("cytoscape");

const doc = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const warnings = [];
console.warn = (...args) => warnings.push(args.join(" "));
const cy = cytoscape({ headless: true, elements: doc.elements });
process.stdout.write(JSON.stringify({
  nodes: cy.nodes().map((n) => n.data()),
  edges: cy.edges().map((e) => e.data()),
  warnings,
}));
