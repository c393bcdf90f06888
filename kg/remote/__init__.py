"""External triple stores: pushing the graph into one, and querying a SPARQL endpoint.

One module per concern, as rdflib keeps its connector, store and result parsers apart:

- `kinds`: the kinds of store kg knows (their URLs, how their default graph behaves);
- `connection`: HTTP to a store: authentication, retries, messages without credentials;
- `deadline`: a deadline on each HTTP request as a whole, not on each read;
- `layout`: which quads go into which graph of a store;
- `push`: a push planned as requests, sent, and checked against what the store then holds;
- `readback`: what a store holds, read back (counts per graph, the whole dataset);
- `rewrite`: SPARQL text for an endpoint: its form, the project's prefixes;
- `results`: SPARQL results and graph answers parsed into kg's answers;
- `endpoint`: a SPARQL 1.1 Protocol endpoint as a query source.
"""
