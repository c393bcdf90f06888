# Copies the facts of every named graph (one per evidence quote) into the default graph,
# so that queries without GRAPH see each fact once. The ontology's own graph is left apart.
# Parameters: none.
INSERT { ?s ?p ?o }
WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER (?g != <https://w3id.org/zonekg/ontology>)
}
