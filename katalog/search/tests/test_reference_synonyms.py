"""Adding the reference synonyms to a database that already has some (migration 0004)."""

import pytest

from katalog.search.models import SynonymGroup
from katalog.search.reference import SYNONYMS, add_missing_synonyms

pytestmark = pytest.mark.django_db


def test_adds_missing_groups_and_phrases_and_keeps_the_curators_own():
    SynonymGroup.objects.filter(name="Pengering gabah").delete()
    cinderamata = SynonymGroup.objects.get(name="Cinderamata")
    cinderamata.phrases = "cinderamata\nbuah tangan"
    cinderamata.save()

    add_missing_synonyms(SynonymGroup)

    assert SynonymGroup.objects.get(name="Pengering gabah").phrase_list() == dict(SYNONYMS)["Pengering gabah"]
    phrases = SynonymGroup.objects.get(name="Cinderamata").phrase_list()
    assert phrases[:2] == ["cinderamata", "buah tangan"]
    assert set(dict(SYNONYMS)["Cinderamata"]) <= set(phrases)


def test_running_it_again_changes_nothing():
    add_missing_synonyms(SynonymGroup)
    before = list(SynonymGroup.objects.values_list("name", "phrases", "updated_at"))

    assert add_missing_synonyms(SynonymGroup) == 0
    assert list(SynonymGroup.objects.values_list("name", "phrases", "updated_at")) == before
