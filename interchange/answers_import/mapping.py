"""Mapping files: which source questions inform which of ours, and what their answers suggest.

A mapping is versioned data (interchange/mappings/*.yaml) checked here against the
questionnaire it names, so that a wrong option key or a question that does not allow N/A is
found when the file is loaded, never half-way through somebody's import."""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "mappings"
SOURCE_ANSWERS = ("yes", "no", "na")
CAIQ_ID = re.compile(r"^[A-Z&]{2,4}-\d{2}\.\d{1,2}$")


class MappingInvalid(ValueError):
    """A mapping file that does not fit its questionnaire; the message names the place."""


@dataclass(frozen=True)
class Link:
    question: str
    sources: tuple[str, ...]
    suggests: dict[str, str]
    """A source answer ("yes", "no", "na") to an option key, or "na" for our Not applicable."""
    exact: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Mapping:
    key: str
    title: str
    questionnaire: str
    versions: tuple[int, ...]
    links: tuple[Link, ...]

    def fits(self, questionnaire_key: str, version: int) -> bool:
        return self.questionnaire == questionnaire_key and version in self.versions


def _link(raw: dict, where: str) -> Link:
    if not isinstance(raw, dict) or not isinstance(raw.get("question"), str):
        raise MappingInvalid(f"{where}: each link needs a question key.")
    sources = raw.get("sources")
    if not isinstance(sources, list) or not sources:
        raise MappingInvalid(f"{where}: list the source question ids under sources.")
    for source in sources:
        if not isinstance(source, str) or not CAIQ_ID.match(source):
            raise MappingInvalid(f"{where}: {source!r} is not a CAIQ question id like A&A-02.1.")
    suggests = {
        answer: raw[f"when_{answer}"] for answer in SOURCE_ANSWERS if raw.get(f"when_{answer}")
    }
    exact = tuple(raw.get("exact") or ())
    if any(isinstance(answer, bool) for answer in exact):
        # YAML 1.1 reads a bare yes/no as a boolean: the file must quote them.
        raise MappingInvalid(f'{where}: write the answers under exact in quotes, like ["no"].')
    for answer in exact:
        if answer not in suggests:
            raise MappingInvalid(f"{where}: exact names {answer!r}, which suggests no option.")
    unknown = (
        set(raw) - {"question", "sources", "exact", "why"} - {f"when_{a}" for a in SOURCE_ANSWERS}
    )
    if unknown:
        raise MappingInvalid(f"{where}: unknown keys {', '.join(sorted(unknown))}.")
    return Link(raw["question"], tuple(sources), suggests, exact, str(raw.get("why", "")))


def mapping_parse(document: dict, *, key: str) -> Mapping:
    links = tuple(
        _link(raw, f"{key}, link {n}") for n, raw in enumerate(document.get("links") or [], start=1)
    )
    if not links:
        raise MappingInvalid(f"{key}: the mapping has no links.")
    return Mapping(
        key=key,
        title=str(document.get("title") or key),
        questionnaire=str(document.get("questionnaire") or ""),
        versions=tuple(int(v) for v in document.get("versions") or ()),
        links=links,
    )


def mapping_check(mapping: Mapping, structure) -> None:
    """Every link names a question of the structure, options it has, and N/A only where the
    question allows it."""
    for n, link in enumerate(mapping.links, start=1):
        where = f"{mapping.key}, link {n} ({link.question})"
        question = structure.question(link.question)
        if question is None:
            raise MappingInvalid(f"{where}: the questionnaire has no such question.")
        for answer, option in link.suggests.items():
            if option == "na":
                if not question.allows_na:
                    raise MappingInvalid(f"{where}: when_{answer} is N/A, which it does not allow.")
            elif question.option(option) is None:
                raise MappingInvalid(
                    f"{where}: when_{answer} names {option!r}, not one of its options."
                )


@cache
def shipped_mappings() -> tuple[Mapping, ...]:
    found = []
    for path in sorted(MAPPINGS_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            found.append(mapping_parse(yaml.safe_load(handle), key=path.stem))
    return tuple(found)


def caiq_mapping_for(questionnaire_key: str, version: int) -> Mapping | None:
    return next((m for m in shipped_mappings() if m.fits(questionnaire_key, version)), None)
