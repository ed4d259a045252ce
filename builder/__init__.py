"""coursekit: Markdown and GIFT training modules to SCORM packages for Moodle."""

__version__ = "0.1.0"
