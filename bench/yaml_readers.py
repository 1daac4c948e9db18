"""The YAML readers issue 16 weighed, timed side by side on the quiz files of a generated course.

    .venv/bin/python bench/yaml_readers.py --before PATH/site_src [--lessons 1000] [--rounds 5]

Each reader reads every quiz file of the course ``bench/generate.py`` writes (written under
``bench/work/``); the time is CPU time, the best of ``--rounds`` rounds, the readers taking turns in
each round. Readers:

- libyaml's events, doing nothing with them (the floor of any reader built on PyYAML's events);
- PyYAML's ``compose`` with ``CSafeLoader`` (nodes with positions; tags resolved in Python);
- ``compose`` turned into the engine's located values (``YMap``, ``YSeq``, ``YScalar``), refusing
  aliases (a node met twice), tags and merge keys: the candidate that would replace the event builder;
- ``yamlsource.parse_yaml`` of the engine before (``--before``) and of this tree;
- rapidyaml's ``parse_in_arena``, when the ``ryml`` module is importable (it gives no node positions).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import yaml

from course_quiz import yamlsource
from course_quiz.yamlsource import YEntry, YMap, YNode, YScalar, YSeq

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import write_course  # noqa: E402 (bench/ is put on the path just above)

_ALLOWED = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"}


def composed(text: str) -> YNode | None:
    """The candidate: ``compose``, then located values; refusals counted, not reported."""
    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    seen: set[int] = set()
    constructor = yaml.constructor.SafeConstructor()

    def located(node: yaml.Node) -> YNode | None:
        if id(node) in seen:  # an alias: the composer gives the very node it names
            return None
        seen.add(id(node))
        mark = node.start_mark
        line, column = mark.line + 1, mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _ALLOWED:
                return None
            value = node.value if node.tag.endswith(("str", "timestamp")) else constructor.construct_object(node)
            return YScalar(value, line, column, node.value)
        if isinstance(node, yaml.SequenceNode):
            return YSeq(tuple(item for item in map(located, node.value) if item is not None), line, column)
        entries: dict[str, YEntry] = {}
        for key, value in node.value:
            found = located(key)
            if isinstance(found, YScalar) and found.text != "<<":
                item = located(value)
                entries[found.text] = YEntry(key.start_mark.line + 1, key.start_mark.column + 1,
                                             item if item is not None else YScalar(None, line, column))
        return YMap(entries, line, column)

    return located(root) if root is not None else None


def load_engine(site_src: Path) -> ModuleType:
    """Another tree's ``yamlsource``, imported under a name of its own."""
    spec = importlib.util.spec_from_file_location("yamlsource_before", site_src / "course_quiz" / "yamlsource.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="site_src of the engine before")
    parser.add_argument("--lessons", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    root = write_course(BENCH / "work" / f"yaml-n{args.lessons:04d}", args.lessons, "ours", 1)
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "quizzes").rglob("*.yml"))]
    before = load_engine(args.before.resolve())
    readers: dict[str, Callable[[str], object]] = {
        "libyaml events, nothing done with them": lambda text: sum(1 for _ in yaml.parse(text, yaml.CSafeLoader)),
        "PyYAML compose with CSafeLoader": lambda text: yaml.compose(text, Loader=yaml.CSafeLoader),
        "compose, then located values (candidate)": composed,
        "parse_yaml, engine before (event builder)": lambda text: before.parse_yaml("q.yml", text),
        "parse_yaml, this engine (event builder)": lambda text: yamlsource.parse_yaml("q.yml", text),
    }
    if importlib.util.find_spec("ryml") is not None:
        import ryml  # type: ignore[import-not-found]

        readers["rapidyaml parse_in_arena (no positions)"] = lambda text: ryml.parse_in_arena(text.encode())
    best = dict.fromkeys(readers, float("inf"))
    for _ in range(args.rounds):
        for name, read in readers.items():
            start = time.process_time()
            for text in texts:
                read(text)
            best[name] = min(best[name], time.process_time() - start)
    size = sum(len(text.encode()) for text in texts)
    print(f"{len(texts)} quiz files, {size / 1e6:.1f} MB; CPU seconds, best of {args.rounds} rounds:\n")
    print("| reader | CPU s |\n| --- | ---: |")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
