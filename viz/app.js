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
  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    return Object.assign({}, node, { title: tooltip(node.id) });
  }));
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    document.body.dataset.ready = "true";
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

  function open(children) {
    body.replaceChildren.apply(body, children);
    panel.hidden = false;
    panel.scrollTop = 0;
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

  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; });
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

  // Search
  function fold(name) { return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }
  var index = Object.keys(data.entities).map(function (id) {
    return { id: id, names: data.entities[id].search.map(fold) };
  });

  function find(query) {
    var key = fold(query);
    if (!key) return [];
    var exact = index.filter(function (e) { return e.names.indexOf(key) >= 0; });
    var partial = index.filter(function (e) {
      return exact.indexOf(e) < 0 && e.names.some(function (n) { return n.indexOf(key) >= 0; });
    });
    return exact.concat(partial).slice(0, 15).map(function (e) { return e.id; });
  }

  function focus(id) {
    var node = nodes.get(id);
    if (node.hidden) showClass(node.group, true);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: { duration: 300 } });
    showEntity(id);
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
