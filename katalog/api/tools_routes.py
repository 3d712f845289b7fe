"""Public calculators: the domestic price preference (Perpres 16/2018 jo. 12/2021 Pasal 67) and the P3DN tier.

No authentication, no database. The handler parses, calls katalog.procurement.preference and serialises.
"""

from decimal import Decimal

from ninja import Query, Router, Schema
from pydantic import Field

from katalog.procurement import preference

from .schemas import ErrorOut
from .serializers import number

router = Router(tags=["tools"])

PRICE_MAX_IDR = 10**15  # a thousand trillion rupiah: larger is surely a typing mistake


class PricePreferenceQuery(Schema):
    price: int = Field(ge=0, le=PRICE_MAX_IDR, description="HP: the offered price after arithmetic correction, "
                       "in whole rupiah.")
    tkdn: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2,
                                 description="TKDN in percent; leave out for a product without TKDN.")
    bmp: Decimal | None = Field(None, ge=0, le=100, max_digits=5, decimal_places=2,
                                description="BMP in percent, at most settings.KATALOG['BMP_MAX_PCT'] (15); "
                                "a larger BMP is refused, not capped.")


class PricePreferenceOut(Schema):
    price: int = Field(description="HP in whole rupiah, as sent.")
    tkdn: float | None = Field(description="TKDN in percent.")
    bmp: float | None = Field(description="BMP in percent.")
    kp: float = Field(description="KP in percent, a JSON number (6.25 means 6,25%): TKDN x 25% from TKDN 25%, "
                      "else 0.")
    max_preference: float = Field(description="The highest preference for goods, in percent (25).")
    evaluated_price: int = Field(description="HEA = (1 - KP) x HP in whole rupiah, rounded half up.")
    preference_eligible: bool = Field(description="TKDN is at least 25%.")
    tkdn_plus_bmp: float | None = Field(description="TKDN + BMP in percent; null without TKDN.")
    p3dn_tier: str = Field(description="wajib (TKDN + BMP >= 40%), dimaksimalkan, diberdayakan or none.")
    p3dn_tier_description: str
    domestic_mandatory: bool = Field(description="TKDN + BMP >= 40%: such a product makes buying domestic "
                                     "mandatory (Pasal 66).")
    explanation: str = Field(description="The arithmetic in words, in the request's language.")


@router.get(
    "/tools/price-preference",
    response={200: PricePreferenceOut, 422: ErrorOut},
    auth=None,
    summary="Price preference calculator: KP, HEA and the P3DN tier of one bid",
    description=(
        "HEA = (1 - KP) x HP with KP = TKDN x 25% for goods with TKDN >= 25% (Perpres 16/2018 jo. 12/2021 "
        "Pasal 67; not the old HP / (1 + KP)). Computed whatever the package value: whether a procurement "
        "applies the preference is decided by the procurement. The lowest HEA wins, on equal HEA the higher "
        "TKDN; the contract stays at the offered price. Percentages are JSON numbers; money is whole rupiah."
    ),
)
def price_preference(request, query: Query[PricePreferenceQuery]):
    bid = preference.Bid(label="", price_idr=query.price, tkdn_pct=query.tkdn, bmp_pct=query.bmp)
    evaluation = preference.evaluate(bid)
    tier = preference.p3dn_tier(query.tkdn, query.bmp)
    return {
        "price": evaluation.price_idr,
        "tkdn": number(evaluation.tkdn_pct),
        "bmp": number(evaluation.bmp_pct),
        "kp": number(evaluation.kp_pct),
        "max_preference": number(evaluation.max_pct),
        "evaluated_price": evaluation.evaluated_price_idr,
        "preference_eligible": evaluation.eligible,
        "tkdn_plus_bmp": number(preference.tkdn_plus_bmp(query.tkdn, query.bmp)),
        "p3dn_tier": tier,
        "p3dn_tier_description": preference.tier_description(tier),
        "domestic_mandatory": preference.domestic_mandatory(query.tkdn, query.bmp),
        "explanation": evaluation.explanation,
    }
