"""docs/cli.md is the --help of every command as it is now."""

import importlib.util

from conftest import ROOT


def test_docs_cli_md_is_up_to_date():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == script.reference(), "docs/cli.md is stale: run `python scripts/cli_reference.py` and commit it"
