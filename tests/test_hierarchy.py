from kg.hierarchy import broader_cycles


def test_a_tree_has_no_cycles():
    assert broader_cycles({"b": ["a"], "c": ["a"], "d": ["c", "b"]}) == []


def test_each_cycle_is_named_once_from_its_smallest_member():
    broader = {"a": ["b"], "b": ["c"], "c": ["a"], "x": ["a"], "y": ["z"], "z": ["y", "q"], "t": ["t"]}
    assert broader_cycles(broader) == [["a", "b", "c"], ["t"], ["y", "z"]]


def test_a_cycle_through_one_of_several_broader_chains_is_found():
    assert broader_cycles({"a": ["root", "b"], "b": ["a"]}) == [["a", "b"]]


def test_a_deep_hierarchy_needs_no_recursion():
    depth = 100_000
    broader = {i: [i - 1] for i in range(1, depth)}
    assert broader_cycles(broader) == []
    broader[0] = [depth - 1]
    (cycle,) = broader_cycles(broader)
    assert len(cycle) == depth and cycle[0] == 0
