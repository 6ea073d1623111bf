"""The pipeline: where the stages meet. A leaflet file becomes a page a patient could read in one language:
loaded (``content``), translated (``i18n``), judged (``approval``) and rendered to HTML (``render.html``).

``page`` chains those stages for one leaflet, language and format (``leaflet_page``, and ``proof_page`` for the
bilingual review proof); ``status`` asks it for every leaflet and language (``leaflets status``). The build's
workers, ``leaflets check --strict``, ``leaflets status`` and ``leaflets preview`` all go through here, so a draft is
a draft for the same reasons everywhere.
"""

from .page import LeafletPage, ProofPage, leaflet_page, locale_catalog, proof_page

__all__ = ["LeafletPage", "ProofPage", "leaflet_page", "locale_catalog", "proof_page"]
