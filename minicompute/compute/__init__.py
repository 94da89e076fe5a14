"""The compute service: its API side, RPC API, manager and workflows."""

BINARY = 'minicompute-compute'
