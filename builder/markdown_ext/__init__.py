"""Python-Markdown extensions for lessons: callouts, formulas, ```gift blocks, links/assets/anchors.

Each extension is given the renderer (builder.lessons) in its constructor and reads the text being
converted from `renderer.run` (a LessonRun, builder.markdown_ext.context).
"""
