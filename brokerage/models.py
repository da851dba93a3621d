# The five LA brokerage roles, partnerships and LA-to-LA facilitation arrive with a
# later issue; the app exists now so the layout is the one DESIGN.md describes.
