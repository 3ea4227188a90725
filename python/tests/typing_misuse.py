"""A misuse that `mypy --strict` must catch: the stubs are typed, not Any."""

import newsnorm

newsnorm.normalize(b"<p>x</p>", path=3)
