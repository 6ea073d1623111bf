"""Approvals: who approved which text, bound to a digest of exactly what a patient reads.

``texts`` lists what a patient reads; ``records`` seals and compares approval records; ``source`` and
``translation`` read and write them (in the leaflet's metadata, and in ``translations/<locale>/approvals.yaml``);
``state`` says whether a PDF is final and why not; ``summary`` is that state as reports keep it (the build
report, the manifest, ``leaflets status --json``).
"""
