"""minicompute: a faithful, Nova-like IaaS control plane."""
from minicompute import concurrency as _concurrency

_concurrency.init()
