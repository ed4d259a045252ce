"""builder.deflated: an entry deflated once and reused writes the bytes zipfile's writestr writes."""
from __future__ import annotations

import io
import random
import zipfile

from builder import deflated
from builder.package import zip_entry


def zipped(entries, write) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in entries:
            write(archive, zip_entry(name), data)
    return stream.getvalue()


def test_shared_entries_are_written_as_zipfile_writes_them(monkeypatch):
    rng = random.Random(7)
    script = "".join(rng.choice("function(){}; var x = 1;\n") for _ in range(80_000)).encode()
    entries = [("imsmanifest.xml", b"<manifest/>"), ("coursekit.js", script), ("média/été.css", script[:20_000]),
               ("index.html", b"<p>lesson</p>" * 10), ("coursekit.js.bak", script)]
    expected = zipped(entries, lambda archive, entry, data: archive.writestr(entry, data))
    monkeypatch.setattr(deflated, "_memo", {})
    deflates = []
    original = deflated._deflate
    monkeypatch.setattr(deflated, "_deflate", lambda data: deflates.append(len(data)) or original(data))
    assert zipped(entries, deflated.write_entry) == expected
    assert zipped(entries, deflated.write_entry) == expected        # from the memo this time
    assert deflates == [len(script), 20_000]                         # each shared payload deflated once
    with zipfile.ZipFile(io.BytesIO(expected)) as archive:
        assert archive.testzip() is None and archive.read("coursekit.js") == script
