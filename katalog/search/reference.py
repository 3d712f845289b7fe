"""The starting synonym list (curators edit it in the admin afterwards)."""

SYNONYMS = [
    ("Traktor roda dua", ["hand tractor", "traktor roda dua", "traktor tangan"]),
    ("Perontok padi", ["power thresher", "mesin perontok padi", "perontok padi", "thresher"]),
    ("Tas seminar", ["goodie bag", "tas souvenir", "tas seminar", "tas kegiatan"]),
    ("ATK", ["atk", "alat tulis kantor"]),
    ("Pencacah", ["chopper", "mesin pencacah", "mesin perajang"]),
    ("Pengering", ["dryer", "mesin pengering", "pengering gabah"]),
    # Buyers write padi (paddy) where the catalogue writes gabah (the grain dried); kept apart from the
    # Pengering group so "dryer padi" finds grain dryers rather than every dryer.
    ("Pengering gabah", ["pengering gabah", "pengering padi", "mesin pengering padi", "dryer gabah", "dryer padi"]),
    ("Pompa air", ["water pump", "pompa air", "mesin pompa"]),
    ("Sprayer", ["sprayer", "alat semprot", "mist blower"]),
    ("Sangrai kopi", ["coffee roaster", "roaster kopi", "mesin sangrai kopi", "mesin roasting kopi"]),
    ("Cinderamata", ["cinderamata", "cendera mata", "cenderamata", "souvenir", "suvenir", "oleh oleh", "kenang kenangan"]),
    ("PDH", ["pdh", "pakaian dinas harian"]),
    ("PDL", ["pdl", "pakaian dinas lapangan"]),
    ("Laptop", ["laptop", "notebook", "komputer jinjing"]),
    ("AC", ["ac", "pendingin ruangan", "air conditioner"]),
    ("Nasi kotak", ["nasi kotak", "nasi box"]),
    ("Snack box", ["snack box", "kue kotak", "kotak kue"]),
    ("Kursi", ["kursi", "chair"]),
    ("Meja", ["meja", "desk"]),
]


def load_synonyms(SynonymGroup) -> int:
    created = 0
    for name, phrases in SYNONYMS:
        _, was_created = SynonymGroup.objects.get_or_create(name=name, defaults={"phrases": "\n".join(phrases)})
        created += was_created
    return created


def add_missing_synonyms(SynonymGroup) -> int:
    """Create the reference groups a database lacks and append the reference phrases its groups of the
    same name lack; curators' own groups and phrases stay, nothing is removed. Returns groups changed.

    The index only earns new tokens when it is rebuilt (`katalog reindex`).
    """
    changed = 0
    for name, phrases in SYNONYMS:
        group = SynonymGroup.objects.filter(name=name).order_by("pk").first()
        if group is None:
            SynonymGroup.objects.create(name=name, phrases="\n".join(phrases))
            changed += 1
            continue
        present = [line.strip() for line in group.phrases.splitlines() if line.strip()]
        known = {p.casefold() for p in present}
        missing = [p for p in phrases if p.casefold() not in known]
        if missing:
            group.phrases = "\n".join(present + missing)
            group.save(update_fields=["phrases", "updated_at"])
            changed += 1
    return changed
