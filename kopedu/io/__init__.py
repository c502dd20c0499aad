"""Files in and out: reading what people bring, writing what kopedu makes.

One layer for every file kopedu touches, so that each rule lives in one place:

- :mod:`kopedu.io.write` — every file kopedu writes: atomic (a temporary file in the
  target folder, then a rename), with the user's normal permissions, several files
  replaced together or not at all, and one formula-safe XLSX writer for every command.

Submodules are imported explicitly (``from kopedu.io.write import write_files``); this
package imports nothing on its own, so ``import kopedu`` stays fast.
"""
