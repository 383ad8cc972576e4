"""A large, deterministic, made-up content set for benchmarks (`make bench`).

Everything goes through the services (taxonomies one by one, items with
content.bulk.content_bulk_load), so the generated items carry the same renditions, search
vectors, revisions and events as edited ones. Every item is marked `synthetic`
(its sentences are made up, clinical-sounding as they are) and its French, a
program's, `machine`. The same seed and sizes always give the same ids, slugs
and text. About one item in ten has no French
translation, so that language fallback is exercised too.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from content import bulk, services
from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ConditionMechanism,
    FaqTopic,
    Mechanism,
    Status,
)

# (English, French) words the generated names and bodies are made of.
REGIONS = [
    ("neck", "cou"), ("upper back", "haut du dos"), ("lower back", "bas du dos"),
    ("shoulder", "épaule"), ("elbow", "coude"), ("wrist", "poignet"), ("hand", "main"),
    ("hip", "hanche"), ("knee", "genou"), ("ankle", "cheville"), ("foot", "pied"),
    ("jaw", "mâchoire"), ("head", "tête"), ("chest", "poitrine"), ("buttock", "fesse"),
    ("thigh", "cuisse"), ("calf", "mollet"), ("shin", "tibia"), ("heel", "talon"),
    ("forearm", "avant-bras"), ("groin", "aine"), ("rib cage", "cage thoracique"),
    ("pelvis", "bassin"), ("thumb", "pouce"), ("achilles", "achille"),
]  # fmt: skip
KINDS = [
    ("pain", "douleur"), ("tendonitis", "tendinite"), ("strain", "élongation"),
    ("stiffness", "raideur"), ("syndrome", "syndrome"), ("neuropathy", "neuropathie"),
    ("bursitis", "bursite"), ("spasm", "spasme"), ("tension", "tension"),
    ("impingement", "conflit"),
]  # fmt: skip
ADJECTIVES = [
    ("Chronic", "chronique"), ("Acute", "aiguë"), ("Recurrent", "récurrente"),
    ("Postural", "posturale"), ("Sports-related", "sportive"), ("Work-related", "professionnelle"),
    ("Persistent", "persistante"), ("Mild", "légère"),
]  # fmt: skip
QUESTIONS = [
    ("How does IMS help with {}?", "Comment l'IMS aide-t-elle en cas de {} ?"),
    ("How many sessions does {} need?", "Combien de séances faut-il pour {} ?"),
    ("Is IMS painful for {}?", "L'IMS est-elle douloureuse en cas de {} ?"),
    ("What should I do after treatment for {}?", "Que faire après un traitement de {} ?"),
    ("Can {} come back?", "La {} peut-elle revenir ?"),
]
BODY_EN = (
    "## What it is\n\n{name} is a common cause of pain around the {region}. It often follows "
    "overuse at work or in sport, and the muscles around it stay **shortened** and tender.\n\n"
    "## How IMS helps\n\n- Releases shortened muscles\n- Eases irritation of the nerve\n"
    "- Restores movement of the {region}\n\nMost people need {sessions} sessions. Read "
    "[our guide](https://example-clinic.test/guide/{slug}) before your first visit."
)
BODY_FR = (
    "## De quoi s'agit-il\n\nLa {name} est une cause fréquente de douleur au niveau {region}. "
    "Elle suit souvent un surmenage au travail ou au sport, et les muscles restent **raccourcis**."
    "\n\n## Comment l'IMS aide\n\n- Relâche les muscles raccourcis\n- Apaise le nerf irrité\n"
    "- Rétablit le mouvement\n\nLa plupart des gens ont besoin de {sessions} séances."
)
BATCH = 5000
# Typed loosely: django-stubs cannot name the model behind this many-to-many field.
FAQ_MECHANISM: Any = FAQ.mechanisms.through


@dataclass(frozen=True)
class Sizes:
    conditions: int = 5000
    faqs: int = 50000
    regions: int = 50
    mechanisms: int = 20
    categories: int = 8
    topics: int = 10


@dataclass
class Taxonomies:
    regions: list[BodyRegion]
    categories: list[ConditionCategory]
    topics: list[FaqTopic]


class Generator:
    """Builds the content set of one seed; `run()` writes it through the services."""

    def __init__(
        self,
        *,
        sizes: Sizes,
        seed: int,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> None:
        self.sizes = sizes
        self.random = random.Random(seed)
        # Told (kind, written so far, total) after each batch: a run takes minutes.
        self.progress = progress or (lambda kind, done, total: None)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.random.getrandbits(128), version=4)

    @transaction.atomic
    def run(self) -> dict[str, int]:
        """Create everything in one transaction; returns the number of items per type."""
        terms = self._taxonomies()
        mechanisms = [self._mechanism(n) for n in range(self.sizes.mechanisms)]
        bulk.content_bulk_load(items=mechanisms, by=None)
        conditions: list[Condition] = []
        for start in range(0, self.sizes.conditions, BATCH):
            stop = min(start + BATCH, self.sizes.conditions)
            batch = [self._condition(n, terms) for n in range(start, stop)]
            links = [
                row for item in batch for row in self._condition_links(item, terms, mechanisms)
            ]
            bulk.content_bulk_load(items=batch, relations=links, by=None)
            conditions += batch
            self.progress("conditions", stop, self.sizes.conditions)
        for start in range(0, self.sizes.faqs, BATCH):
            stop = min(start + BATCH, self.sizes.faqs)
            faqs = [self._faq(n, terms, conditions) for n in range(start, stop)]
            links = [row for faq in faqs for row in self._faq_links(faq, conditions, mechanisms)]
            bulk.content_bulk_load(items=faqs, relations=links, by=None)
            self.progress("FAQs", stop, self.sizes.faqs)
        return {
            "conditions": len(conditions),
            "faqs": self.sizes.faqs,
            "mechanisms": len(mechanisms),
        }

    def _taxonomies(self) -> Taxonomies:
        def make(model: type[Any], count: int, word: str) -> list[Any]:
            terms = []
            for n in range(count):
                english, french = REGIONS[n % len(REGIONS)] if model is BodyRegion else (word, word)
                suffix = f" {n // len(REGIONS) + 1}" if model is BodyRegion else f" {n + 1}"
                names = {
                    "name_en": f"{english.capitalize()}{suffix}",
                    "name_fr_ca": f"{french}{suffix}",
                }
                term = model(
                    id=self.uuid(), slug=f"gen-{model._meta.model_name}-{n}", position=n, **names
                )
                terms.append(services.taxonomy_save(term=term, by=None))
            return terms

        return Taxonomies(
            regions=make(BodyRegion, self.sizes.regions, ""),
            categories=make(ConditionCategory, self.sizes.categories, "Category"),
            topics=make(FaqTopic, self.sizes.topics, "Topic"),
        )

    def _mechanism(self, n: int) -> Mechanism:
        name = f"Mechanism {n + 1}"
        return Mechanism(
            id=self.uuid(), slug=f"gen-mechanism-{n}", position=n, status=Status.PUBLISHED,
            name_en=name, name_fr_ca=f"Mécanisme {n + 1}",
            summary_en=f"{name}: one way IMS relieves pain.",
            summary_fr_ca=f"Mécanisme {n + 1} : une façon dont l'IMS soulage la douleur.",
            body_en=self._body(BODY_EN, name, "muscle", n),
            body_fr_ca=self._body(BODY_FR, name, "muscle", n),
            **_synthetic(translated=True),
        )  # fmt: skip

    def _condition(self, n: int, terms: Taxonomies) -> Condition:
        adjective, region, kind = (
            self.random.choice(words) for words in (ADJECTIVES, REGIONS, KINDS)
        )
        name = f"{adjective[0]} {region[0]} {kind[0]}"
        french = f"{kind[1].capitalize()} {adjective[1]} ({region[1]})"
        translated = self.random.random() < 0.9
        french_aliases = [f"{kind[1]} {region[1]}"] if translated else []
        return Condition(
            id=self.uuid(), slug=f"{name.lower().replace(' ', '-')}-{n}", position=n,
            status=Status.PUBLISHED, category=self.random.choice(terms.categories),
            name_en=name, name_fr_ca=french if translated else "",
            aliases_en=[f"{region[0]} {kind[0]}"], aliases_fr_ca=french_aliases,
            summary_en=f"{name}: pain and tightness around the {region[0]} that IMS can ease.",
            summary_fr_ca=f"{french} : une douleur que l'IMS peut apaiser." if translated else "",
            body_en=self._body(BODY_EN, name, region[0], n),
            body_fr_ca=self._body(BODY_FR, french, region[1], n) if translated else "",
            **_synthetic(translated=translated),
        )  # fmt: skip

    def _condition_links(
        self, item: Condition, terms: Taxonomies, mechanisms: list[Mechanism]
    ) -> list[models.Model]:
        regions = self.random.sample(terms.regions, k=self.random.randint(1, 3))
        rows: list[models.Model] = [
            Condition.body_regions.through(condition_id=item.pk, bodyregion_id=region.pk)
            for region in regions
        ]
        for position, mechanism in enumerate(self.random.sample(mechanisms, k=2)):
            rows.append(ConditionMechanism(
                condition_id=item.pk, mechanism_id=mechanism.pk, position=position,
                note_en=f"{_text(mechanism, 'name')} applies to {_text(item, 'name')}.",
            ))  # fmt: skip
        return rows

    def _faq(self, n: int, terms: Taxonomies, conditions: list[Condition]) -> FAQ:
        about = conditions[n % len(conditions)]
        english, french = self.random.choice(QUESTIONS)
        translated = self.random.random() < 0.9
        name = _text(about, "name").lower()
        title = (_text(about, "name", "fr_ca") or name).lower()
        return FAQ(
            id=self.uuid(), slug=f"faq-{n}", position=n, status=Status.PUBLISHED,
            topic=self.random.choice(terms.topics),
            question_en=english.format(name),
            question_fr_ca=french.format(title) if translated else "",
            summary_en=f"Usually a few sessions ease the pain of {name}.",
            summary_fr_ca="Quelques séances apaisent la douleur." if translated else "",
            body_en=self._body(BODY_EN, _text(about, "name"), "area", n),
            body_fr_ca=self._body(BODY_FR, title, "la zone", n) if translated else "",
            **_synthetic(translated=translated),
        )  # fmt: skip

    def _faq_links(
        self, faq: FAQ, conditions: list[Condition], mechanisms: list[Mechanism]
    ) -> list[models.Model]:
        about = conditions[int(faq.slug.removeprefix("faq-")) % len(conditions)]
        others = self.random.sample(conditions, k=self.random.randint(0, 2))
        rows: list[models.Model] = [
            FAQ.conditions.through(faq_id=faq.pk, condition_id=condition.pk)
            for condition in {about.pk: about, **{c.pk: c for c in others}}.values()
        ]
        rows += [
            FAQ_MECHANISM(faq_id=faq.pk, mechanism_id=mechanism.pk)
            for mechanism in self.random.sample(mechanisms, k=self.random.randint(0, 2))
        ]
        return rows

    def _body(self, template: str, name: str, region: str, n: int) -> str:
        sessions = self.random.randint(3, 8)
        return template.format(name=name, region=region, sessions=sessions, slug=n)


def _synthetic(*, translated: bool) -> dict[str, Any]:
    """Marks of a generated item: made up, and its French (if any) written by a program."""
    records = {"fr-ca": {"status": "machine"}} if translated else {}
    return {"synthetic": True, "translation_records": records}


def _text(item: models.Model, name: str, suffix: str = "en") -> str:
    """A translated field's column (`name_en`), which the type checker cannot see."""
    return str(getattr(item, f"{name}_{suffix}") or "")
