"""The held-out development set (tests/data/extract_dev/): zone articles of other provinces and
outlets, scored against gold written by hand, as scripts/extract_eval.py --dev prints it."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _eval_script():
    spec = importlib.util.spec_from_file_location("extract_eval", ROOT / "scripts" / "extract_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_dev_set_meets_the_issue_targets_with_every_quote_verbatim_and_every_draft_valid(capsys):
    script = _eval_script()
    rows = script.evaluate_dev(ROOT / "tests" / "data" / "extract_dev", ROOT / "data" / "triples", False, False)
    capsys.readouterr()
    got = script.totals(rows)
    assert len(rows) == 7
    assert got["quotes_not_verbatim"] == 0 and got["draft_problems"] == 0
    assert got["entity_p"] >= 0.85 and got["entity_r"] >= 0.85, got
    assert got["fact_p"] >= 0.85 and got["fact_r"] >= 0.75, got
