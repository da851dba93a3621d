"""Shared by the benchmark's builders."""

BATCH = 1000
PLACES = (
    "Ash Beech Birch Brook Cedar Chapel Church Clay Cliff Deer Elm Fern Field Ford Glebe "
    "Green Hall Hazel Heath Hill Holly Kings Lark Lea Manor Mead Mill Moor Oak Orchard Park "
    "Pine Queens Rose Stone Thorn Vale Water Well West Willow Wood"
).split()
