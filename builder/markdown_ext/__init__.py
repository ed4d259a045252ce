"""Python-Markdown extensions for lessons: callouts, formulas, and links/assets/anchors.

Each extension reads the lesson being rendered from `md.lesson` (a LessonContext), which the
render stage sets before converting each lesson.
"""
