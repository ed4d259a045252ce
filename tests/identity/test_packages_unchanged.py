"""The packages built now are byte for byte the ones recorded in tests/fixtures/package-digests.json."""
from __future__ import annotations

from tests.identity.packages import differences, package_digests, recorded


def test_every_package_is_byte_identical_to_the_recorded_one():
    expected = recorded()
    actual = package_digests()
    assert len(actual) >= 40
    assert differences(expected, actual) == []
