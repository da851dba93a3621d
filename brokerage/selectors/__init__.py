"""Reads for the brokerage pages, split by concept: records (each kind's lists and
the dashboard's figures), membership (coverage and cluster profiles), network (the
LAs linked by facilitation and the network map)."""
