"""Hard requirements a buyer writes into a need, in Indonesian, and whether a product meets them (pure).

Recognised (case and accents ignored):

- "TKDN minimal 25%", "TKDN ≥ 25%", "wajib TKDN 25%"          -> TKDN of at least 25%
- "wajib TKDN+BMP ≥ 40%", "TKDN + BMP min. 40 persen"         -> TKDN + BMP of at least 40%
- "wajib PDN", "harus produk dalam negeri"                    -> TKDN + BMP of at least the PDN threshold
- "wajib produk lokal", "hanya produk lokal Lampung"          -> the Produk Lokal Lampung badge
- "wajib UMK" / "wajib UMKM" / "wajib IKM"                     -> a micro or small vendor / not a large one
- "wajib UMKM Lampung", "UMKM lokal"                           -> ... based in the home province as well
- "asal Pesawaran", "berasal dari Kabupaten Lampung Selatan"   -> made in that regency (or province)
- "UMKM asal Kota Metro", "penyedia asal Pesawaran"            -> a vendor based there
- "wajib halal", "bersertifikat SNI", "ber-SNI", "izin edar BPOM" -> that certification

Words such as "wajib" or "harus" make what follows them in the sentence a requirement; a threshold with
"minimal", "≥" and the like, and "asal <region>", are requirements by themselves. A part of the sentence
saying "diutamakan" (preferred) or a negated "tidak wajib" is a preference, not a requirement, so it
is not enforced.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from katalog.catalog import badges

# Kinds of requirement.
TKDN_MIN = "tkdn_min"
TKDN_BMP_MIN = "tkdn_bmp_min"
LOCAL = "local"
UMK = "umk"
UMKM = "umkm"
VENDOR_IN_HOME = "vendor_in_home"
ORIGIN = "origin"
VENDOR_REGION = "vendor_region"
CERTIFICATION = "certification"

LARGE_SCALE = "besar"  # UMKM and IKM cover every scale but this one (UU 20/2008, PP 7/2021)
CERTIFICATION_CODES = {"halal": "HALAL", "sni": "SNI", "bpom": "BPOM", "pirt": "PIRT", "p irt": "PIRT",
                       "hki": "HKI", "tkdn": "TKDN"}


@dataclass(frozen=True)
class RegionName:
    """A region the text may name: its code (a province code stands for all its regencies) and name."""

    code: str
    name: str  # as shown: "Kab. Pesawaran"


@dataclass(frozen=True)
class Requirement:
    kind: str
    value: object = None  # Decimal for thresholds, a certification code, or a RegionName
    home_name: str = ""  # the home province's name, for labels

    def label(self) -> str:
        if self.kind == TKDN_MIN:
            return _("TKDN ≥ %(pct)s%%") % {"pct": _plain(self.value)}
        if self.kind == TKDN_BMP_MIN:
            return _("TKDN + BMP ≥ %(pct)s%%") % {"pct": _plain(self.value)}
        if self.kind == LOCAL:
            return str(badges.LABELS[badges.LOCAL])
        if self.kind == UMK:
            return _("UMK vendor (micro or small)")
        if self.kind == UMKM:
            return _("UMKM vendor (not a large business)")
        if self.kind == VENDOR_IN_HOME:
            return _("vendor based in %(province)s") % {"province": self.home_name or _("the province")}
        if self.kind == ORIGIN:
            return _("made in %(region)s") % {"region": self.value.name}
        if self.kind == VENDOR_REGION:
            return _("vendor based in %(region)s") % {"region": self.value.name}
        return _("%(certificate)s certificate") % {"certificate": self.value}


@dataclass(frozen=True)
class ParsedRequirements:
    requirements: tuple[Requirement, ...]
    remaining_text: str  # the text with the requirement phrases blanked out, for keyword matching


@dataclass(frozen=True)
class ProductFacts:
    """What the requirements look at: the badge facts and the certifications of a product."""

    badge: badges.BadgeFacts
    certifications: tuple[str, ...] = ()
    home_province_code: str = "18"


@dataclass
class _Found:
    items: list[Requirement] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, requirement: Requirement, span: tuple[int, int]) -> None:
        if requirement not in self.items:
            self.items.append(requirement)
        self.spans.append(span)


# ---- Reading the text ----

_TRIGGER = re.compile(
    r"\b(?:(?P<neg>tidak|tak|bukan|belum)\s+)?(?:wajib|harus|diwajibkan|disyaratkan|persyaratan|syarat|"
    r"hanya|mesti)\b"
)
_SOFT = re.compile(r"\b(?:diutamakan|utamakan|mengutamakan|lebih disukai|sebaiknya|dianjurkan|disarankan|"
                   r"bila memungkinkan|jika memungkinkan|jika ada|kalau bisa|prioritas)\b")
# A full stop ends a sentence unless it ends an abbreviation ("min. 40%", "Kab. Pesawaran").
_SENTENCE_END = re.compile(
    r"[;\n!?]|\.(?=\s|$)(?<!\bmin\.)(?<!\bkab\.)(?<!\bprov\.)(?<!\bno\.)(?<!\bjl\.)(?<!\brp\.)"
)
_COMMA = re.compile(r",")
_NUMBER = r"(?P<pct>\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|persen\b)"
_COMPARATOR = (r"(?P<cmp>≥|>=|=>|>|minimal|minimum|min\.?|paling\s+sedikit|paling\s+rendah|sekurang\s*-?\s*kurangnya|"
               r"setidaknya|sedikitnya|di\s+atas|lebih\s+dari|tidak\s+kurang\s+dari)")
_THRESHOLD = re.compile(
    r"\b(?:(?P<cmp0>minimal|minimum|min\.?|paling\s+sedikit|sekurang\s*-?\s*kurangnya)\s+)?(?:nilai\s+)?(?P<what>tkdn\s*(?:\+|plus|dan|&|ditambah)\s*bmp|tkdn)\b\s*(?:nya\b)?\s*(?:\(\s*%\s*\)\s*)?:?\s*"
    + _COMPARATOR + r"?\s*:?\s*" + _NUMBER
)
# "min. 40% TKDN+BMP": the number before the measure.
_THRESHOLD_FIRST = re.compile(
    r"\b(?P<cmp0>minimal|minimum|min\.?|paling\s+sedikit|sekurang\s*-?\s*kurangnya)\s*:?\s*" + _NUMBER
    + r"\s*(?:untuk\s+)?(?:nilai\s+)?(?P<what>tkdn\s*(?:\+|plus|dan|&|ditambah)\s*bmp|tkdn)\b"
)
_PDN = re.compile(r"\b(?:pdn|produk\s+dalam\s+negeri|p3dn)\b")
_CERTIFICATE = re.compile(r"\b(?:ber\s*-?\s*)?(?P<code>halal|sni|bpom|p\s*-?\s*irt|hki)\b")
_CERTIFIED = re.compile(r"\b(?:bersertifikat|bersertifikasi|sertifikat|sertifikasi|berlabel|label|izin\s+edar|"
                        r"terdaftar|berstandar|standar)\s+(?P<code>halal|sni|bpom|p\s*-?\s*irt|hki|tkdn)\b"
                        r"|\bber\s*-?\s*(?P<code2>sni)\b")
_ORIGIN_LEAD = r"(?:asal|berasal\s+dari|buatan|produksi|diproduksi\s+di|dibuat\s+di)"
_VENDOR_WORDS = re.compile(r"\b(?:umkm|umk|ikm|vendor|penyedia|pelaku\s+usaha|usaha|perajin|pengrajin|produsen)\s*$")
_REGION_KIND = r"(?:(?P<level>kabupaten|kab\s*\.?|kota|provinsi|prov\s*\.?)\s+)?"


@lru_cache(maxsize=8)
def _home_patterns(home: str) -> tuple[re.Pattern, re.Pattern]:
    """"produk lokal (Lampung)" and "UMKM (Lampung)", with the home province's name."""
    home = re.escape(home).replace(r"\ ", r"\s+")
    local = re.compile(rf"\b(?:produk|barang|buatan)\s+(?:lokal|daerah|{home})(?:\s+{home})?\b")
    business = re.compile(
        r"\b(?P<kind>umkm|umk|ikm|usaha\s+mikro(?:\s*(?:,|dan|&)?\s*kecil)?(?:\s*(?:,|dan|&)\s*menengah)?)"
        rf"(?P<home>\s+(?:lokal|daerah|{home}|asal\s+{home}))?\b"
    )
    return local, business


def _fold(text: str) -> str:
    """Lower case without accents, every other character kept (so offsets match the folded text)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _plain(value) -> str:
    number = Decimal(value)
    return format(number.normalize(), "f") if number != number.to_integral() else str(int(number))


def _percent(raw: str) -> Decimal:
    return Decimal(raw.replace(",", "."))


def _pieces(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each sentence."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _required_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a sentence under a "wajib"-like word: from the word to the sentence's end, leaving
    out comma-separated parts that only state a preference ("produk lokal diutamakan")."""
    sentence = text[start:end]
    triggers = [m for m in _TRIGGER.finditer(sentence) if not m.group("neg")]
    if not triggers:
        return []
    parts = []
    cursor = start + triggers[0].start()
    for comma in [*(_COMMA.finditer(text, cursor, end)), None]:
        stop = comma.start() if comma else end
        if not _SOFT.search(text, cursor, stop):
            parts.append((cursor, stop))
        cursor = comma.end() if comma else end
    return parts


def _inside(span: tuple[int, int], parts: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in parts)


def _stated_as_preference(text: str, span: tuple[int, int]) -> bool:
    """The comma-separated part of the sentence around `span` says "diutamakan" or the like."""
    for start, end in _pieces(text):
        if start <= span[0] <= end:
            left = text.rfind(",", start, span[0])
            right = text.find(",", span[1], end)
            return bool(_SOFT.search(text, left + 1 if left >= 0 else start, right if right >= 0 else end))
    return False


@lru_cache(maxsize=4)
def _region_pattern(regions: tuple[RegionName, ...]) -> tuple[re.Pattern | None, dict[str, list[RegionName]]]:
    """The "asal <region>" pattern of these regions (compiled once per list of regions)."""
    by_name: dict[str, list[RegionName]] = {}
    for region in regions:
        core = re.sub(r"^(?:kab\.?|kabupaten|kota|provinsi)\s+", "", _fold(region.name)).strip()
        if core:
            by_name.setdefault(core, []).append(region)
    if not by_name:
        return None, by_name
    names = sorted(by_name, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    pattern = re.compile(rf"\b{_ORIGIN_LEAD}\s+(?:dari\s+)?{_REGION_KIND}(?P<name>{alternatives})\b")
    return pattern, by_name


def _pick_region(candidates: list[RegionName], level: str | None) -> RegionName:
    """The region a name stands for: a stated level ("Kota", "Kabupaten") decides between namesakes;
    otherwise a regency wins over a province of the same name."""
    level = (level or "").replace(" ", "").rstrip(".")
    wanted = {"kota": "Kota", "kab": "Kab", "kabupaten": "Kab"}.get(level)
    if level in ("provinsi", "prov"):
        provinces = [r for r in candidates if "." not in r.code]
        if provinces:
            return provinces[0]
    if wanted:
        for region in candidates:
            if region.name.startswith(wanted):
                return region
    regencies = [r for r in candidates if "." in r.code]
    return (regencies or candidates)[0]


def parse_requirements(
    text: str, *, regions: Iterable[RegionName] = (), pdn_threshold_pct: Decimal = Decimal("40"),
    home_province_name: str = "Lampung",
) -> ParsedRequirements:
    """The hard requirements written in `text` (a need's title and description)."""
    folded = _fold(text)
    found = _Found()
    required: list[tuple[int, int]] = []
    for start, end in _pieces(folded):
        required.extend(_required_parts(folded, start, end))

    thresholds = [*_THRESHOLD.finditer(folded), *_THRESHOLD_FIRST.finditer(folded)]
    for match in thresholds:
        stated = match.groupdict().get("cmp") or match.group("cmp0")
        if not (_inside(match.span(), required) or (stated and not _stated_as_preference(folded, match.span()))):
            continue  # "TKDN 45%" alone describes, it does not require
        kind = TKDN_BMP_MIN if "bmp" in match.group("what") else TKDN_MIN
        found.add(Requirement(kind, _percent(match.group("pct"))), match.span())
    local_pattern, business_pattern = _home_patterns(_fold(home_province_name))
    for pattern, requirement in ((_PDN, Requirement(TKDN_BMP_MIN, Decimal(pdn_threshold_pct))),
                                 (local_pattern, Requirement(LOCAL))):
        for match in pattern.finditer(folded):
            if _inside(match.span(), required):
                found.add(requirement, match.span())
    for match in business_pattern.finditer(folded):
        if not _inside(match.span(), required):
            continue
        words = match.group("kind")
        kind = UMK if words == "umk" or (words.startswith("usaha") and "menengah" not in words) else UMKM
        found.add(Requirement(kind), match.span())
        if match.group("home"):
            found.add(Requirement(VENDOR_IN_HOME, home_name=home_province_name), match.span())
    for match in _CERTIFIED.finditer(folded):
        if not _inside(match.span(), required) and _stated_as_preference(folded, match.span()):
            continue
        code = CERTIFICATION_CODES[re.sub(r"[\s-]+", " ", match.group("code") or match.group("code2")).strip()]
        found.add(Requirement(CERTIFICATION, code), match.span())
    for match in _CERTIFICATE.finditer(folded):
        if _inside(match.span(), required):
            code = CERTIFICATION_CODES[re.sub(r"[\s-]+", " ", match.group("code")).strip()]
            found.add(Requirement(CERTIFICATION, code), match.span())

    pattern, by_name = _region_pattern(tuple(regions))
    if pattern is not None:
        for match in pattern.finditer(folded):
            if _stated_as_preference(folded, match.span()):
                continue  # "asal Pesawaran diutamakan"
            region = _pick_region(by_name[re.sub(r"\s+", " ", match.group("name"))], match.group("level"))
            about_vendor = _VENDOR_WORDS.search(folded, max(0, match.start() - 20), match.start())
            found.add(Requirement(VENDOR_REGION if about_vendor else ORIGIN, region), match.span())

    return ParsedRequirements(tuple(found.items), _blank(text, folded, found.spans))


def _blank(text: str, folded: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(folded)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# ---- Checking a product ----

def _region_holds(code: str | None, wanted: RegionName) -> bool:
    return bool(code) and (code == wanted.code or code.startswith(f"{wanted.code}."))


def is_met(requirement: Requirement, facts: ProductFacts) -> bool:
    badge = facts.badge
    kind = requirement.kind
    if kind == TKDN_MIN:
        return badge.tkdn_pct is not None and Decimal(badge.tkdn_pct) >= requirement.value
    if kind == TKDN_BMP_MIN:
        total = badges.tkdn_plus_bmp(badge)
        return total is not None and total >= requirement.value
    if kind == LOCAL:
        return badges.is_local(badge)
    if kind == UMK:
        return badges.is_umk(badge)
    if kind == UMKM:
        return bool(badge.vendor_scale) and badge.vendor_scale != LARGE_SCALE
    if kind == VENDOR_IN_HOME:
        return bool(badge.vendor_region_code) and badge.vendor_region_code.split(".")[0] == facts.home_province_code
    if kind == ORIGIN:
        return _region_holds(badge.origin_region_code, requirement.value)
    if kind == VENDOR_REGION:
        return _region_holds(badge.vendor_region_code, requirement.value)
    if kind == CERTIFICATION:
        if requirement.value == "TKDN":
            return badge.tkdn_pct is not None or "TKDN" in facts.certifications
        return requirement.value in facts.certifications
    return True


def unmet(requirements: Iterable[Requirement], facts: ProductFacts) -> list[Requirement]:
    return [r for r in requirements if not is_met(r, facts)]


def region_names(rows: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[RegionName]:
    """RegionName entries from (code, name) pairs."""
    pairs = rows.items() if isinstance(rows, Mapping) else rows
    return [RegionName(code, name) for code, name in pairs]
