"""The build: plan the jobs, skip what is up to date, render the rest in a pool, record and report."""

from .orchestrate import BuildOptions, build_leaflets
from .report import BuildListener, BuildReport, Outcome

__all__ = ["BuildListener", "BuildOptions", "BuildReport", "Outcome", "build_leaflets"]
