// The page's behaviour: network, tooltips, side panel, search and class filter.
// Every string from the data reaches the page through textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zonekg-data").textContent);
  var text = data.text;

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  function row(key, value) {
    var line = el("div", "row");
    line.append(el("span", null, key), el("span", null, value));
    return line;
  }

  function tooltip(id) {
    var card = data.entities[id];
    var box = el("div", "tip");
    box.append(el("div", "kind", card.type), el("div", "name", card.label));
    card.names.forEach(function (pair) { box.append(row(pair[0], pair[1])); });
    card.numbers.forEach(function (pair) { box.append(row(pair[0], pair[1])); });
    return box;
  }

  var font = getComputedStyle(document.body).fontFamily;
  data.options.nodes.font.face = font;
  data.options.edges.font.face = font;
  var EDGE_FONT = data.options.edges.font.size;
  data.options.edges.font.size = 0;
  // The page draws the node labels itself (see Labels), so vis-network gets none.
  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, { label: undefined, text: node.label, title: tooltip(node.id) });
  }));
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    document.body.dataset.ready = "true";
  });

  // Labels: drawn at a fixed screen size, the most important first (zones, chains, platforms,
  // then by number of relations); a label that would overlap one already drawn waits until
  // zooming in makes room. window.zonekgLabels lists the labels drawn in the last frame.
  var LABEL = { size: 13, gap: 2, pad: 2, font: "13px " + font };
  var CLASS_ORDER = ["Zone", "IndustryChain", "Platform", "Region", "Enterprise", "Project", "TalentInstitution", "Honor"];
  var importance = data.nodes.map(function (node) { return node.id; }).sort(function (a, b) {
    var x = nodes.get(a), y = nodes.get(b);
    return (CLASS_ORDER.indexOf(x.group) - CLASS_ORDER.indexOf(y.group)) || (y.value - x.value) ||
      (x.text < y.text ? -1 : x.text > y.text ? 1 : 0);
  });
  var widths = {};
  window.zonekgLabels = [];
  window.zonekgLabelFont = LABEL.font;

  function labelBox(context, id) {
    if (!(id in widths)) widths[id] = context.measureText(nodes.get(id).text).width;
    var box = network.getBoundingBox(id);
    var centre = network.canvasToDOM({ x: (box.left + box.right) / 2, y: box.bottom });
    return { id: id, x: centre.x - widths[id] / 2 - LABEL.pad, y: centre.y + LABEL.gap,
             w: widths[id] + 2 * LABEL.pad, h: LABEL.size + 2 * LABEL.pad };
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  network.on("afterDrawing", function (context) {
    var width = container.clientWidth, height = container.clientHeight;
    var ratio = window.devicePixelRatio || 1;
    context.save();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.font = LABEL.font;
    context.textBaseline = "top";
    context.lineJoin = "round";
    var selected = network.getSelectedNodes();
    var order = selected.concat(importance.filter(function (id) { return selected.indexOf(id) < 0; }));
    var placed = [];
    order.forEach(function (id) {
      if (nodes.get(id).hidden) return;
      var box = labelBox(context, id);
      if (box.x + box.w < 0 || box.x > width || box.y + box.h < 0 || box.y > height) return;
      if (placed.some(function (other) { return overlaps(box, other); })) return;
      placed.push(box);
      context.lineWidth = 4;
      context.strokeStyle = "rgba(255, 255, 255, 0.9)";
      context.strokeText(nodes.get(id).text, box.x + LABEL.pad, box.y + LABEL.pad);
      context.fillStyle = "#222222";
      context.fillText(nodes.get(id).text, box.x + LABEL.pad, box.y + LABEL.pad);
    });
    context.restore();
    window.zonekgLabels = placed.map(function (box) { return box.id; });
  });

  // Edge labels: shown on hover, and for the edges of the selected node
  function edgeLabels(ids, shown) {
    edges.update(ids.map(function (id) { return { id: id, font: { size: shown ? EDGE_FONT : 0 } }; }));
  }
  network.on("hoverEdge", function (params) { edgeLabels([params.edge], true); });
  network.on("blurEdge", function (params) {
    var selected = network.getSelectedNodes();
    var kept = selected.length ? network.getConnectedEdges(selected[0]) : [];
    if (kept.indexOf(params.edge) < 0) edgeLabels([params.edge], false);
  });
  network.on("selectNode", function (params) { edgeLabels(network.getConnectedEdges(params.nodes[0]), true); });
  network.on("deselectNode", function (params) {
    var before = params.previousSelection.nodes.map(function (n) { return n.id || n; });
    before.forEach(function (id) { edgeLabels(network.getConnectedEdges(id), false); });
  });

  // Side panel
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");

  function evidence(groups) {
    var list = el("div");
    groups.forEach(function (group) {
      var section = el("section", "evidence");
      var facts = el("ul");
      group.facts.forEach(function (fact) {
        var item = el("li");
        item.append(el("span", "s", fact[0]), " ", el("span", "p", fact[1]), " ", el("span", "o", fact[2]));
        facts.append(item);
      });
      section.append(facts);
      if (group.quote) {
        section.append(el("blockquote", "quote", group.quote));
        section.append(el("div", "source", text.source + "：" + group.source));
      } else {
        section.append(el("div", "source", text.declared));
      }
      list.append(section);
    });
    return list;
  }

  function details(pairs) {
    var list = el("dl");
    pairs.forEach(function (pair) { list.append(el("dt", null, pair[0]), el("dd", null, pair[1])); });
    return list;
  }

  // The panel takes its room from the graph (which shrinks) and closes the hover card.
  function hideTooltip() {
    document.querySelectorAll("div.vis-tooltip").forEach(function (tip) { tip.style.visibility = "hidden"; });
  }

  function layout(open) {
    document.body.classList.toggle("panel-open", open);
    network.setSize("100%", "100%");
    network.redraw();
  }

  function open(children) {
    body.replaceChildren.apply(body, children);
    panel.hidden = false;
    panel.scrollTop = 0;
    hideTooltip();
    layout(true);
  }

  function showEntity(id) {
    var card = data.entities[id];
    open([
      el("h2", null, card.label),
      el("div", "kind", card.type),
      details(card.names),
      el("h3", null, text.numbers), details(card.numbers),
      el("h3", null, text.facts), evidence(card.evidence)
    ]);
  }

  function showEdge(id) {
    var edge = edges.get(id);
    var from = data.entities[edge.from].label, to = data.entities[edge.to].label;
    open([
      el("h2", null, from + " → " + to),
      el("div", "kind", edge.label),
      el("h3", null, text.facts), evidence(data.edgeEvidence[id])
    ]);
  }

  document.getElementById("panel-close").addEventListener("click", function () {
    panel.hidden = true;
    layout(false);
  });
  network.on("click", function (params) {
    if (params.nodes.length) showEntity(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });

  // Class filter
  var boxes = {};
  function showClass(name, visible) {
    boxes[name].checked = visible;
    nodes.update(nodes.getIds({ filter: function (node) { return node.group === name; } })
      .map(function (id) { return { id: id, hidden: !visible }; }));
  }
  data.legend.forEach(function (cls) {
    var item = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.class = cls.name;
    box.addEventListener("change", function () { showClass(cls.name, box.checked); });
    boxes[cls.name] = box;
    var symbol = el("span", "symbol", cls.symbol);
    symbol.style.color = cls.color;
    label.append(box, symbol, cls.label, el("span", "count", cls.count));
    item.append(label);
    document.getElementById("legend-list").append(item);
  });

  // Search: ranked as kg.names.rank ranks on the command line — the same name equal to what
  // was typed first, then a name or a word of it starting with it, then containing it; within a
  // tier the shorter name, then the name, then the IRI.
  var EXACT = 0, PREFIX = 1, CONTAINS = 2;
  var equivalences = data.ranking.equivalences.map(function (pair) { return [new RegExp(pair[0], "g"), pair[1]]; });
  function fold(name) {
    var folded = name.normalize("NFKC").toLowerCase();
    equivalences.forEach(function (pair) { folded = folded.replace(pair[0], pair[1]); });
    return folded;
  }
  function squeeze(name) { return fold(name).replace(/\s+/g, ""); }
  function words(name) { return fold(name).match(/[\p{L}\p{M}\p{N}_]+/gu) || []; }
  function tier(name, key) {
    var whole = squeeze(name);
    if (whole === key) return EXACT;
    if (whole.indexOf(key) === 0 || words(name).some(function (w) { return w.indexOf(key) === 0; })) return PREFIX;
    if (whole.indexOf(key) >= 0) return CONTAINS;
    return null;
  }
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) return -1;
      if (a[i] > b[i]) return 1;
    }
    return 0;
  }
  var index = Object.keys(data.entities).map(function (id) { return { id: id, names: data.entities[id].search }; });

  function find(query) {
    var key = squeeze(query);
    if (!key) return [];
    var scored = [];
    index.forEach(function (entity) {
      var best = null;
      entity.names.forEach(function (name) {
        var t = tier(name, key);
        if (t === null) return;
        var score = [t, squeeze(name).length, squeeze(name)];
        if (best === null || compare(score, best) < 0) best = score;
      });
      if (best !== null) scored.push(best.concat([entity.id]));
    });
    return scored.sort(compare).slice(0, 15).map(function (score) { return score[3]; });
  }
  window.zonekgFind = find;

  function focus(id) {
    var node = nodes.get(id);
    if (node.hidden) showClass(node.group, true);
    network.selectNodes([id]);
    edgeLabels(network.getConnectedEdges(id), true);
    showEntity(id);
    network.focus(id, { scale: 1.3, animation: { duration: 300 } });
    results.replaceChildren();
  }

  var input = document.getElementById("search-box");
  var results = document.getElementById("search-results");
  input.addEventListener("input", function () {
    var found = find(input.value);
    results.replaceChildren.apply(results, found.map(function (id) {
      var item = el("li", null, data.entities[id].label);
      item.dataset.id = id;
      item.append(el("span", "kind", data.entities[id].type));
      item.addEventListener("click", function () { focus(id); });
      return item;
    }));
    if (input.value.trim() && !found.length) results.append(el("li", "empty", text.noMatch));
  });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var found = find(input.value);
    if (found.length) focus(found[0]);
  });
})();
