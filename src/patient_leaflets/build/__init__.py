"""The build stage: plan the jobs, skip what is up to date, render the rest in a pool, record and report."""

from .orchestrate import build
from .report import BuildListener, BuildReport, Outcome

__all__ = ["BuildListener", "BuildReport", "Outcome", "build"]
