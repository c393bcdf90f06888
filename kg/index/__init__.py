"""The persisted index of a data set: its built dataset on disk, keyed by the data's content.

Loading a large file takes seconds for every command (a million triples: about five); an
on-disk Oxigraph store of the same built dataset opens in a twentieth of a second. `build`
makes one (`kg index`, or a command on new data in a background process), `dataset` opens it
read-only for any number of processes at once, `tables` keeps what is computed once per data
set beside it: the normalised names, the network and the rankings; `answers` keeps the answers
of the whole-graph questions and of the large chains' listings; `layout` names the folder's files.
"""
