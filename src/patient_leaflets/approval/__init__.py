"""Approvals: who approved which text, bound to a digest of exactly what a patient reads.

``texts`` lists what a patient reads; ``records`` seals and compares approval records; ``source`` and
``translation`` read and write them (in the leaflet's metadata, and in ``translations/<locale>/approvals.yaml``);
``state`` says whether a PDF is final and why not; ``page`` renders a leaflet with that state; ``status`` is
the table of ``leaflets status``.
"""
