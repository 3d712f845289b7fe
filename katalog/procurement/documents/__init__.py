"""The printable documents of an order: Surat Pesanan and BAST, as pages and PDF files."""
