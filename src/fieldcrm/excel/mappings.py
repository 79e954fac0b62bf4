"""Saved column mappings: one JSON file in the profile's config folder, keyed by the header signature."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fieldcrm.excel.fields import FIELDS

FILE_NAME = "import_mappings.json"


class MappingStore:
    """{signature: {header text: field}}; reused automatically when a file with the same headers comes again."""

    def __init__(self, config_dir: Path) -> None:
        self.path = Path(config_dir) / FILE_NAME

    def _load_all(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # missing or damaged: start afresh rather than block an import over a convenience
        return data if isinstance(data, dict) else {}

    def load(self, signature: str, headers: list[str]) -> dict[int, str] | None:
        saved = self._load_all().get(signature)
        if not isinstance(saved, dict):
            return None
        mapping = {}
        for index, header in enumerate(headers):
            field = saved.get(header)
            if field in FIELDS:
                mapping[index] = field
        return mapping

    def save(self, signature: str, headers: list[str], mapping: dict[int, str]) -> None:
        data = self._load_all()
        data[signature] = {headers[i]: f for i, f in sorted(mapping.items()) if i < len(headers)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.path)
