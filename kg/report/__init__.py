"""What analysts hand in, as data: the chain dossier (一链一图N清单), the zone profile and the
zones × chains matrix. Each module returns dataclasses; `kg.output.reports` renders them as
XLSX or HTML."""
