"""``leaflets check``: content, catalogs, review dates, readability and assets, before a release."""
