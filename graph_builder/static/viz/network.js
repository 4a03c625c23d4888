// The unkg network page: draws the data block with vis-network and wires search, filters,
// tooltips and the details panel. Text from documents only ever reaches the DOM through
// textContent, never through innerHTML.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("unkg-data").textContent);
  const kindLabel = Object.fromEntries(data.kinds.map((k) => [k.kind, k.label]));
  const hiddenKinds = new Set();
  const hiddenRelations = new Set();

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function tooltip(node) {
    const info = node.info || {};
    const box = el("div", null, "tip");
    box.appendChild(el("strong", info.heading || node.label));
    box.appendChild(el("span", kindLabel[node.kind] || node.kind, "kind"));
    if (info.number !== undefined) box.appendChild(el("p", "No. " + info.number));
    if (info.lead) box.appendChild(el("p", info.lead));
    if (info.excerpt) box.appendChild(el("p", info.excerpt));
    return box;
  }

  const nodes = new vis.DataSet(
    data.nodes.map((n) => Object.assign({}, n, { title: tooltip(n) }))
  );
  const edges = new vis.DataSet(
    data.edges.map((e, i) => Object.assign({ id: "e" + i }, e, { title: undefined }))
  );
  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  function visibleNodeIds() {
    return nodes.getIds({ filter: (n) => !n.hidden });
  }

  function updateStatus() {
    const shown = new Set(visibleNodeIds());
    const shownEdges = edges.get({
      filter: (e) => !e.hidden && shown.has(e.from) && shown.has(e.to),
    }).length;
    const status = document.getElementById("status");
    status.textContent =
      shown.size + " of " + nodes.length + " nodes, " +
      shownEdges + " of " + edges.length + " edges shown";
    status.dataset.nodes = String(shown.size);
    status.dataset.edges = String(shownEdges);
  }

  function applyFilters() {
    nodes.update(nodes.get().map((n) => ({ id: n.id, hidden: hiddenKinds.has(n.kind) })));
    edges.update(edges.get().map((e) => ({ id: e.id, hidden: hiddenRelations.has(e.relation) })));
    updateStatus();
    runSearch();
  }

  function legendItem(list, key, label, count, swatch, hidden, onToggle) {
    const item = el("li");
    const labelEl = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = key;
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(key); else hidden.add(key);
      onToggle();
    });
    labelEl.append(box, swatch, el("span", label), el("span", count, "count"));
    item.appendChild(labelEl);
    list.appendChild(item);
    return box;
  }

  const kindList = document.getElementById("legend-kinds");
  for (const k of data.kinds) {
    const swatch = el("span", null, "swatch shape-" + k.shape);
    swatch.style.background = k.color;
    legendItem(kindList, k.kind, k.label, k.count, swatch, hiddenKinds, applyFilters)
      .dataset.kind = k.kind;
  }
  const relationList = document.getElementById("legend-relations");
  for (const r of data.relations) {
    const swatch = el("span", null, "line" + (r.dashed ? " dashed" : ""));
    swatch.style.borderTopColor = r.color;
    legendItem(relationList, r.relation, r.label, r.count, swatch, hiddenRelations, applyFilters)
      .dataset.relation = r.relation;
  }

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  const search = document.getElementById("search");
  const searchCount = document.getElementById("search-count");
  const results = document.getElementById("search-results");

  function showDetails(id) {
    const node = nodes.get(id);
    if (!node) return;
    const info = node.info || {};
    document.getElementById("details").hidden = false;
    document.getElementById("details-heading").textContent = info.heading || node.label;
    const fields = document.getElementById("details-fields");
    fields.replaceChildren();
    const rows = [["class", kindLabel[node.kind] || node.kind], ["symbol", info.symbol],
      ["number", info.number], ["leading phrase", info.lead], ["IRI", info.iri]];
    for (const [name, value] of rows) {
      if (value === undefined || value === null) continue;
      fields.append(el("dt", name), el("dd", value));
    }
    document.getElementById("details-text").textContent = info.text || "";
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showDetails(id);
  }

  function runSearch() {
    const query = fold(search.value.trim());
    results.replaceChildren();
    if (!query) {
      searchCount.textContent = "";
      searchCount.dataset.matches = "0";
      network.unselectAll();
      return;
    }
    const matches = nodes.get({
      filter: (n) => !n.hidden &&
        (fold(n.label).includes(query) || fold(n.info && n.info.heading).includes(query)),
    });
    matches.sort((a, b) => (b.value || 0) - (a.value || 0));
    searchCount.textContent = matches.length + (matches.length === 1 ? " match" : " matches");
    searchCount.dataset.matches = String(matches.length);
    network.selectNodes(matches.map((n) => n.id));
    if (matches.length) network.fit({ nodes: matches.map((n) => n.id), animation: false });
    for (const n of matches.slice(0, 50)) {
      const item = el("li");
      const button = el("button", (n.info && n.info.heading) || n.label);
      button.type = "button";
      button.addEventListener("click", () => focusNode(n.id));
      item.appendChild(button);
      results.appendChild(item);
    }
  }

  let searchTimer = null;
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 150);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      clearTimeout(searchTimer);
      runSearch();
    }
  });
  document.getElementById("reset").addEventListener("click", () => {
    search.value = "";
    hiddenKinds.clear();
    hiddenRelations.clear();
    for (const box of document.querySelectorAll(".legend input")) box.checked = true;
    applyFilters();
    document.getElementById("details").hidden = true;
    network.fit({ animation: false });
  });
  network.on("click", (params) => {
    if (params.nodes.length) showDetails(params.nodes[0]);
  });

  updateStatus();
  document.body.dataset.ready = "true";
  window.unkgNetwork = { network: network, nodes: nodes, edges: edges };
})();
