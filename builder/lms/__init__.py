"""coursekit's LMS: Moodle 5.0's SCORM player, call for call, for the preview and the tests.

package.py reads a package as Moodle imports it; datamodel.py hands each SCO its data and stores what
it sends; grading.py grades and completes as Moodle does; activity.py puts them together; the SCORM
APIs themselves are JavaScript, in templates/lms/, and elements.py holds their data models
(templates/lms/datamodel.json), which the server checks posted values against.
"""
