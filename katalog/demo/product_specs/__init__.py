"""What the demo catalogue sells, per leaf category: names, units, price ranges and descriptions.

Used only by `build_data.py` to write data/products.csv. Prices are whole rupiah; `price` is
(lowest, highest, rounding step). `tkdn` names a profile in build_data.TKDN_PROFILES.
Names are built from `names` (each may hold `{v}`, filled from `variants`); a variant may be
(text, lowest price, highest price) when its price differs from the category's range.
"""

from .food_farm import T as _food_farm
from .office_services import T as _office_services
from .textiles_crafts import T as _textiles_crafts

T = {**_textiles_crafts, **_food_farm, **_office_services}
