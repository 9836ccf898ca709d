"""The domain model: feeds, stories, highlights, tags and the errors the engine raises.

Pure Python with no I/O; every other layer speaks in these types.
"""
