"""The starting synonym list (curators edit it in the admin afterwards)."""

SYNONYMS = [
    ("Traktor roda dua", ["hand tractor", "traktor roda dua", "traktor tangan"]),
    ("Perontok padi", ["power thresher", "mesin perontok padi", "perontok padi", "thresher"]),
    ("Tas seminar", ["goodie bag", "tas souvenir", "tas seminar", "tas kegiatan"]),
    ("ATK", ["atk", "alat tulis kantor"]),
    ("Pencacah", ["chopper", "mesin pencacah", "mesin perajang"]),
    ("Pengering", ["dryer", "mesin pengering", "pengering gabah"]),
    ("Pompa air", ["water pump", "pompa air", "mesin pompa"]),
    ("Sprayer", ["sprayer", "alat semprot", "mist blower"]),
    ("Sangrai kopi", ["coffee roaster", "roaster kopi", "mesin sangrai kopi", "mesin roasting kopi"]),
    ("Cinderamata", ["cinderamata", "souvenir", "suvenir", "oleh oleh", "kenang kenangan"]),
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
