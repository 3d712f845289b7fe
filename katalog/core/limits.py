"""The largest numbers people may enter. A slip of the finger gets a message instead of a database error,
and the answer is the same on SQLite and PostgreSQL."""

# Quantities are stored in 4-byte integer columns on PostgreSQL.
MAX_QUANTITY = 2_147_483_647
# Rupiah in one amount: below Rp1.000 triliun, far above any single purchase.
MAX_RUPIAH = 999_999_999_999_999
