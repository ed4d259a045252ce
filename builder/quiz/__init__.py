"""Quizzes: GIFT questions gathered per module, rendered, graded in the package, reported to the LMS."""
