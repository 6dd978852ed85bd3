"""YAML (and so JSON) read strictly: a key given twice in one mapping is an error naming the
key and its line, where plain YAML loading would silently keep the last value."""

from __future__ import annotations

from typing import Any

import yaml


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


class UniqueKeyLoader(yaml.SafeLoader):
    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                if key in seen:
                    raise DuplicateKey(str(key), key_node.start_mark.line + 1)
                seen.add(key)
            except TypeError:  # an unhashable key: the base loader reports it
                break
        return super().construct_mapping(node, deep)


def load_unique(text: str) -> Any:
    """``yaml.safe_load`` that raises DuplicateKey for a repeated key."""
    return yaml.load(text, Loader=UniqueKeyLoader)
